package cn.minhang.policy.records;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Recorded evaluation: evaluates an application on the rules serving, archives those rules if they have not
 * been archived yet, and stores the decision; only then does it return, so a caller that answers afterwards
 * never acknowledges a decision that is not stored.
 *
 * <p>An idempotency key makes a retry safe: the same key with the same application (the same canonical input)
 * returns the record stored the first time, unchanged; the same key with another application is refused with
 * {@link IdempotencyConflictException}, and nothing is evaluated or stored.
 */
public final class Recorder {
    /** The longest idempotency key accepted. */
    public static final int MAX_KEY_LENGTH = 255;

    private final RecordStore store;
    private final PolicyEngine engine;
    private final Clock clock;
    private final Set<String> archived = ConcurrentHashMap.newKeySet();

    public Recorder(RecordStore store, PolicyEngine engine, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Recorder(RecordStore store, PolicyEngine engine) {
        this(store, engine, Clock.systemUTC());
    }

    /** What {@link #record(String, Application)} did. */
    public record Outcome(DecisionRecord record, boolean created) {
    }

    /**
     * Evaluates {@code application} and stores the decision, committed before this returns.
     *
     * @param idempotencyKey the client's key, or null for none
     * @throws IdempotencyConflictException if the key names a record of another application
     * @throws cn.minhang.policy.model.InvalidApplicationException if the application's facts contradict each
     *                                                              other; nothing is stored
     * @throws StoreUnavailableException   if the database is down; nothing is stored
     */
    public Outcome record(String idempotencyKey, Application application) {
        return record(idempotencyKey, application, Supplier::get);
    }

    /**
     * The same, with the evaluation (and only the evaluation: never a database call) run by {@code evaluator},
     * such as a pool that bounds how many run at once and for how long.
     */
    public Outcome record(String idempotencyKey, Application application,
                          Function<Supplier<Decision>, Decision> evaluator) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("an idempotency key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String input = ApplicationJson.canonical(application);
        String sha256 = ApplicationJson.sha256(application);
        if (idempotencyKey != null) {
            var held = store.findByKey(idempotencyKey);
            if (held.isPresent()) {
                return retried(idempotencyKey, held.get(), sha256);
            }
        }
        // The rules are taken once: the decision, the archive and the record all name this one version.
        CompiledRules rules = engine.rules();
        archive(rules);
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PolicyEngine snapshot = PolicyEngine.of(rules);
        Decision decision = evaluator.apply(() -> snapshot.evaluate(application));
        ObjectNode document = DecisionJson.toTree(application, decision, receivedAt);
        DecisionRecord record = new DecisionRecord(UUID.randomUUID().toString(), idempotencyKey, receivedAt,
                decision.applicationId(), decision.enterpriseId(), sha256, input, DecisionJson.compact(document),
                decision.rulesVersion(), EngineVersion.get(), decision.totalGranted(), clauses(document));
        RecordStore.Inserted inserted = store.insert(record);
        if (!inserted.created()) {
            return retried(idempotencyKey, inserted.record(), sha256);  // a concurrent request with the same key won
        }
        return new Outcome(inserted.record(), true);
    }

    /** Archives the files of {@code rules} unless this recorder has seen them archived. */
    public void archive(CompiledRules rules) {
        if (archived.contains(rules.version())) {
            return;
        }
        store.archive(rules.source(), EngineVersion.get());
        archived.add(rules.version());
    }

    private static Outcome retried(String key, DecisionRecord held, String sha256) {
        if (!held.inputSha256().equals(sha256)) {
            throw new IdempotencyConflictException(key, held.id(), held.inputSha256(), sha256);
        }
        return new Outcome(held, false);
    }

    /** The distinct (clause, status) pairs of a decision document's lines, sorted. */
    static List<DecisionRecord.ClauseStatus> clauses(JsonNode decision) {
        TreeSet<DecisionRecord.ClauseStatus> pairs = new TreeSet<>(DecisionRecord.ClauseStatus.ORDER);
        for (JsonNode line : decision.path("lines")) {
            pairs.add(new DecisionRecord.ClauseStatus(line.path("clause").asText(), line.path("status").asText()));
        }
        return List.copyOf(pairs);
    }
}
