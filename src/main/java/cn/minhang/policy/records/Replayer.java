package cn.minhang.policy.records;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Replays recorded decisions: binds the stored input again, evaluates it, writes the decision document with the
 * recorded evaluation time, and compares it with the recorded document byte for byte.
 *
 * <p>On the archived rules ({@link #onArchivedRules(DecisionRecord)}) the files of the record's version are
 * read from the archive, checked to hash to that version, and compiled: the replay needs nothing but the
 * database. On the rules serving now ({@link #onCurrentRules(DecisionRecord)}) the differences are what the
 * applicant would get today.
 */
public final class Replayer {
    /** Compiled archived versions kept for further replays. */
    private static final int COMPILED_KEPT = 4;

    private final RecordStore store;
    private final PolicyEngine current;
    private final Map<String, CompiledRules> compiled = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledRules> eldest) {
            return size() > COMPILED_KEPT;
        }
    };

    public Replayer(RecordStore store, PolicyEngine current) {
        this.store = Objects.requireNonNull(store, "store");
        this.current = Objects.requireNonNull(current, "current");
    }

    /**
     * @throws RecordStoreException if the record's rules are not in the archive, or the archived files no longer
     *                              hash to their version
     */
    public Replay onArchivedRules(DecisionRecord record) {
        return replay(record, archived(record.rulesVersion(), record.id()), Replay.Basis.ARCHIVED);
    }

    public Replay onCurrentRules(DecisionRecord record) {
        return replay(record, current.rules(), Replay.Basis.CURRENT);
    }

    private Replay replay(DecisionRecord record, CompiledRules rules, Replay.Basis basis) {
        Application application = ApplicationReader.fromJson(record.inputJson());
        Decision decision = PolicyEngine.of(rules).evaluate(application);
        Instant evaluatedAt = recordedTime(record);
        String replayed = DecisionJson.compact(DecisionJson.toTree(application, decision, evaluatedAt));
        boolean identical = replayed.equals(record.decisionJson());
        List<JsonDifference> differences = identical ? List.of() : differences(record.decisionJson(), replayed);
        return new Replay(record.id(), basis, record.rulesVersion(), rules.version(), record.engineVersion(),
                EngineVersion.get(), identical, differences, replayed);
    }

    private static List<JsonDifference> differences(String recorded, String replayed) {
        JsonNode a = RecordJson.parse(recorded);
        JsonNode b = RecordJson.parse(replayed);
        List<JsonDifference> found = JsonDifference.between(a, b);
        // Equal as trees yet not as bytes (a number written another way): say so rather than report nothing.
        return found.isEmpty() ? List.of(new JsonDifference("", a, b)) : found;
    }

    /** The recorded {@code audit.evaluatedAt}; the received time if the document has none. */
    private static Instant recordedTime(DecisionRecord record) {
        JsonNode at = RecordJson.parse(record.decisionJson()).path("audit").path("evaluatedAt");
        return at.isTextual() ? Instant.parse(at.asText()) : record.receivedAt();
    }

    private CompiledRules archived(String version, String recordId) {
        synchronized (compiled) {
            CompiledRules rules = compiled.get(version);
            if (rules != null) {
                return rules;
            }
            RuleSource source = store.archivedRules(version).orElseThrow(() -> new RecordStoreException(
                    "the rules " + version + " that decided record " + recordId + " are not in the archive", null));
            if (!source.version().equals(version)) {
                throw new RecordStoreException("the archived rules of " + version + " hash to " + source.version()
                        + ": the archive has been altered", null);
            }
            rules = CompiledRules.compile(source);
            compiled.put(version, rules);
            return rules;
        }
    }
}
