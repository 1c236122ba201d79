package cn.minhang.policy.records;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record store's behaviour, run against each database it supports (a subclass per database). Every test
 * starts from an empty store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordStoreContract {
    static final Instant T0 = Instant.parse("2026-07-01T09:00:00.000Z");

    RecordStore store;
    final RecordsFixture.ManualClock clock = new RecordsFixture.ManualClock(T0);
    Recorder recorder;

    /** The store's configuration: a fresh, empty database of this subclass's kind. */
    abstract RecordsConfig config() throws Exception;

    @BeforeAll
    void open() throws Exception {
        store = RecordStore.open(config());
        recorder = new Recorder(store, RecordsFixture.engine(), clock);
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        store.purge(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
        clock.set(T0);
    }

    // ------------------------------------------------------------------------------------------------ recording

    @Test
    void aRecordHoldsTheDecisionExactlyAsAnsweredWithItsInputRulesAndEngine() throws Exception {
        Application application = RecordsFixture.jointModuleMaker("A-REC-1", "E-REC-1");
        Recorder.Outcome outcome = recorder.record(null, application);

        assertThat(outcome.created()).isTrue();
        DecisionRecord stored = store.find(outcome.record().id()).orElseThrow();
        assertThat(stored).isEqualTo(outcome.record());
        assertThat(stored.receivedAt()).isEqualTo(T0);
        assertThat(stored.applicationId()).isEqualTo("A-REC-1");
        assertThat(stored.enterpriseId()).isEqualTo("E-REC-1");
        assertThat(stored.inputJson()).isEqualTo(ApplicationJson.canonical(application));
        assertThat(stored.inputSha256()).isEqualTo(sha256(stored.inputJson()));
        assertThat(stored.rulesVersion()).isEqualTo(RecordsFixture.RULES.version());
        assertThat(stored.engineVersion()).isEqualTo(EngineVersion.get());
        // 1.1: 8,000,000 x 30% = 2,400,000 and 12,500,000 x 30% = 3,750,000 capped at 3,000,000;
        // 1.2: 3,600,000 + 1,800,000 = 5,400,000 in 2026, brought down to the 5,000,000 a year cap
        assertThat(stored.total()).isEqualByComparingTo(new BigDecimal("10400000.00"));
        assertThat(stored.clauses()).containsExactly(
                new DecisionRecord.ClauseStatus("1.1", "CAPPED"), new DecisionRecord.ClauseStatus("1.1", "GRANTED"),
                new DecisionRecord.ClauseStatus("1.2", "AGGREGATE_CAP"),
                new DecisionRecord.ClauseStatus("1.2", "GRANTED"));

        // The stored document is the one the engine makes for this input at the received time, byte for byte.
        String expected = DecisionJson.compact(DecisionJson.toTree(application,
                RecordsFixture.engine().evaluate(application), T0));
        assertThat(stored.decisionJson()).isEqualTo(expected);
        JsonNode decision = ApplicationReader.parseJson(stored.decisionJson());
        assertThat(decision.path("total").asText()).isEqualTo("10400000.00");
        assertThat(decision.path("audit").path("inputSha256").asText()).isEqualTo(stored.inputSha256());
        assertThat(decision.path("audit").path("evaluatedAt").asText()).isEqualTo("2026-07-01T09:00:00.000Z");
    }

    @Test
    void anUnknownIdFindsNothing() {
        assertThat(store.find("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(store.findByKey("never-used")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ idempotency

    @Test
    void theSameKeyWithTheSameApplicationReturnsTheFirstRecordAndStoresNothingMore() {
        Recorder.Outcome first = recorder.record("key-same-1", RecordsFixture.oneProduct("A-IDEM", "E-IDEM", "1000000"));
        clock.set(T0.plusSeconds(60));
        // The same application written another way: fields in another order, a number for the amount.
        Application again = ApplicationReader.fromJson("""
                {"products": [{"marketSales": true, "ownIp": true, "rndInvestment": 1000000.00,
                               "category": "INTEGRATED_JOINT", "name": "一体化关节模组", "id": "P1"}],
                 "enterprise": {"embodiedAiField": true, "locatedInDistrict": true, "name": "示例关节科技有限公司",
                                "id": "E-IDEM", "fundFocusAreas": []},
                 "applicationDate": "2026-03-01", "id": "A-IDEM"}
                """);
        Recorder.Outcome retried = recorder.record("key-same-1", again);

        assertThat(retried.created()).isFalse();
        assertThat(retried.record()).isEqualTo(first.record());
        assertThat(retried.record().receivedAt()).isEqualTo(T0);
        assertThat(store.list(RecordQuery.all().enterprise("E-IDEM")).records()).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherApplicationIsAConflictAndStoresNothing() {
        Recorder.Outcome first = recorder.record("key-conflict-1",
                RecordsFixture.oneProduct("A-CONF", "E-CONF", "1000000"));

        assertThatThrownBy(() -> recorder.record("key-conflict-1",
                RecordsFixture.oneProduct("A-CONF", "E-CONF", "1000000.01")))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                    assertThat(e.recordId()).isEqualTo(first.record().id());
                    assertThat(e.getMessage()).contains("key-conflict-1").contains(first.record().inputSha256());
                });
        assertThat(store.list(RecordQuery.all().enterprise("E-CONF")).records())
                .extracting(RecordSummary::id).containsExactly(first.record().id());
    }

    @Test
    void concurrentRequestsWithOneKeyMakeOneRecord() throws Exception {
        Application application = RecordsFixture.oneProduct("A-RACE", "E-RACE", "2000000");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Recorder.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit((Callable<Recorder.Outcome>) () -> recorder.record("key-race", application)));
            }
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (Future<Recorder.Outcome> f : futures) {
                ids.add(f.get().record().id());
                created += f.get().created() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list(RecordQuery.all().enterprise("E-RACE")).records()).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ archive

    @Test
    void theRulesOfAVersionAreArchivedTheFirstTimeItServesAndNeverChanged() {
        recorder.record(null, RecordsFixture.oneProduct("A-ARCH", "E-ARCH", "1000000"));

        assertThat(store.isArchived(RecordsFixture.RULES.version())).isTrue();
        assertThat(store.archivedRules(RecordsFixture.RULES.version())).hasValueSatisfying(archived -> {
            assertThat(archived.files()).isEqualTo(RecordsFixture.RULES.files());
            assertThat(archived.version()).isEqualTo(RecordsFixture.RULES.version());
        });
        assertThat(store.archive(RecordsFixture.RULES, EngineVersion.get())).isFalse();
        assertThat(store.archivedVersions()).filteredOn(v -> v.version().equals(RecordsFixture.RULES.version()))
                .singleElement().satisfies(v -> assertThat(v.files()).isEqualTo(4));
        assertThat(store.archivedRules("sha256:0000000000000000")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ replay

    @Test
    void aReplayOnTheArchivedRulesReproducesTheDecisionByteForByte() {
        DecisionRecord record = recorder.record(null, RecordsFixture.jointModuleMaker("A-REPLAY", "E-REPLAY")).record();
        // Replayed by an engine serving other rules: the record's own version comes from the archive.
        Replay replay = new Replayer(store, RecordsFixture.engine20()).onArchivedRules(record);

        assertThat(replay.basis()).isEqualTo(Replay.Basis.ARCHIVED);
        assertThat(replay.rulesVersion()).isEqualTo(record.rulesVersion());
        assertThat(replay.identical()).isTrue();
        assertThat(replay.differences()).isEmpty();
        assertThat(replay.decisionJson()).isEqualTo(record.decisionJson());
    }

    @Test
    void aReplayOnTheRulesServingNowSaysWhatTheApplicantWouldGetToday() {
        DecisionRecord record = recorder.record(null, RecordsFixture.jointModuleMaker("A-TODAY", "E-TODAY")).record();
        Replay today = new Replayer(store, RecordsFixture.engine20()).onCurrentRules(record);

        assertThat(today.basis()).isEqualTo(Replay.Basis.CURRENT);
        assertThat(today.rulesVersion()).isEqualTo(RecordsFixture.RULES_20.version());
        assertThat(today.identical()).isFalse();
        // At 20%: 8,000,000 -> 1,600,000 and 12,500,000 -> 2,500,000 (under the cap now); 1.2 unchanged.
        assertThat(ApplicationReader.parseJson(today.decisionJson()).path("total").asText()).isEqualTo("9100000.00");
        assertThat(today.differences()).anySatisfy(d -> {
            assertThat(d.path()).isEqualTo("/total");
            assertThat(d.recorded().asText()).isEqualTo("10400000.00");
            assertThat(d.replayed().asText()).isEqualTo("9100000.00");
        });
        assertThat(today.differences()).extracting(JsonDifference::path)
                .contains("/totalsByClause/1.1", "/rulesVersion", "/audit/rulesVersion")
                .noneMatch(p -> p.startsWith("/audit/evaluatedAt") || p.startsWith("/audit/inputSha256")
                        || p.startsWith("/lines/2") || p.startsWith("/lines/3") || p.startsWith("/lines/4"));
    }

    @Test
    void aReplayReportsExactlyWhatDiffersFromAnAlteredRecord() throws Exception {
        DecisionRecord record = recorder.record(null, RecordsFixture.jointModuleMaker("A-ALTER", "E-ALTER")).record();
        String altered = record.decisionJson().replace("\"total\":\"10400000.00\"", "\"total\":\"10400001.00\"");
        assertThat(altered).isNotEqualTo(record.decisionJson());
        execute("UPDATE decision_record SET decision_json = ? WHERE id = ?", altered, record.id());

        Replay replay = new Replayer(store, RecordsFixture.engine()).onArchivedRules(store.find(record.id()).orElseThrow());

        assertThat(replay.identical()).isFalse();
        assertThat(replay.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("/total");
            assertThat(d.recorded().asText()).isEqualTo("10400001.00");
            assertThat(d.replayed().asText()).isEqualTo("10400000.00");
        });
    }

    @Test
    void aReplayRefusesAnArchiveWhoseFilesNoLongerHashToTheirVersion() throws Exception {
        RecordStore other = RecordStore.open(config());
        try {
            Recorder on20 = new Recorder(other, RecordsFixture.engine20(), clock);
            DecisionRecord record = on20.record(null, RecordsFixture.oneProduct("A-TAMPER", "E-TAMPER", "1000000")).record();
            execute("UPDATE rules_file SET text = text || ' ' WHERE version = ? AND name = ?",
                    RecordsFixture.RULES_20.version(), RecordsFixture.M01);

            assertThatThrownBy(() -> new Replayer(other, RecordsFixture.engine()).onArchivedRules(record))
                    .isInstanceOf(RecordStoreException.class)
                    .hasMessageContaining("the archive has been altered");
        } finally {
            other.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ lists

    @Test
    void listsFilterByEnterpriseApplicationClauseStatusRulesAndTime() {
        DecisionRecord a = at(T0, recorderFor(RecordsFixture.engine()), RecordsFixture.jointModuleMaker("A-L1", "E-L1"));
        DecisionRecord b = at(T0.plusSeconds(10), recorderFor(RecordsFixture.engine()),
                RecordsFixture.oneProduct("A-L2", "E-L1", "1000000"));
        DecisionRecord c = at(T0.plusSeconds(20), recorderFor(RecordsFixture.engine()),
                RecordsFixture.outsideDistrict("A-L3", "E-L2"));
        DecisionRecord d = at(T0.plusSeconds(30), recorderFor(RecordsFixture.engine20()),
                RecordsFixture.oneProduct("A-L4", "E-L2", "20000000"));

        assertThat(ids(RecordQuery.all())).containsExactly(a.id(), b.id(), c.id(), d.id());
        assertThat(ids(RecordQuery.all().enterprise("E-L1"))).containsExactly(a.id(), b.id());
        assertThat(ids(RecordQuery.all().application("A-L3"))).containsExactly(c.id());
        assertThat(ids(RecordQuery.all().clause("1.2"))).containsExactly(a.id());
        assertThat(ids(RecordQuery.all().status("NOT_ELIGIBLE"))).containsExactly(c.id());
        // 20,000,000 x 20% = 4,000,000: capped at 3,000,000; a's second product is capped too
        assertThat(ids(RecordQuery.all().clause("1.1").status("CAPPED"))).containsExactly(a.id(), d.id());
        assertThat(ids(RecordQuery.all().clause("1.2").status("CAPPED"))).isEmpty();
        assertThat(ids(RecordQuery.all().rules(RecordsFixture.RULES_20.version()))).containsExactly(d.id());
        assertThat(ids(RecordQuery.all().between(T0.plusSeconds(10), T0.plusSeconds(30)))).containsExactly(b.id(), c.id());
        assertThat(ids(RecordQuery.all().enterprise("E-L2").between(T0, T0.plusSeconds(25)))).containsExactly(c.id());
        assertThat(store.list(RecordQuery.all().application("A-L1")).records()).singleElement().satisfies(s -> {
            assertThat(s).isEqualTo(a.summary());
            assertThat(s.total()).isEqualByComparingTo("10400000.00");
        });
    }

    @Test
    void pagesFollowTheirCursorWithoutRepeatingOrSkippingEvenWhenRecordsAreAdded() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clock.set(T0.plusSeconds(i));
            made.add(recorder.record(null, RecordsFixture.oneProduct("A-P" + i, "E-PAGE", "100000" + i)).record().id());
        }
        RecordQuery query = RecordQuery.all().enterprise("E-PAGE").limit(3);
        RecordPage first = store.list(query);
        assertThat(first.records()).extracting(RecordSummary::id).containsExactlyElementsOf(made.subList(0, 3));
        // One more arrives while the client pages on.
        clock.set(T0.plusSeconds(100));
        made.add(recorder.record(null, RecordsFixture.oneProduct("A-P7", "E-PAGE", "1000007")).record().id());

        List<String> seen = new ArrayList<>(first.records().stream().map(RecordSummary::id).toList());
        Long next = first.next();
        int pages = 1;
        while (next != null) {
            RecordPage page = store.list(query.after(next));
            page.records().forEach(r -> seen.add(r.id()));
            next = page.next();
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(made);
        assertThat(pages).isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------------ export, purge

    @Test
    void anExportOfARangeIsTheBatchLinesOfItsRecordsInOrder() {
        DecisionRecord a = at(T0, recorder, RecordsFixture.oneProduct("A-X1", "E-X", "1000000"));
        DecisionRecord b = at(T0.plusSeconds(5), recorder, RecordsFixture.jointModuleMaker("A-X2", "E-X"));
        at(T0.plusSeconds(10), recorder, RecordsFixture.oneProduct("A-X3", "E-X", "3000000"));

        StringWriter decisions = new StringWriter();
        long lines = store.export(RecordQuery.all().between(T0, T0.plusSeconds(10)),
                RecordStore.ExportContent.DECISIONS, decisions);
        assertThat(lines).isEqualTo(2);
        assertThat(decisions.toString()).isEqualTo(a.decisionJson() + "\n" + b.decisionJson() + "\n");

        StringWriter applications = new StringWriter();
        store.export(RecordQuery.all().between(T0, T0.plusSeconds(10)), RecordStore.ExportContent.APPLICATIONS,
                applications);
        List<String> inputs = applications.toString().lines().toList();
        assertThat(inputs).containsExactly(a.inputJson(), b.inputJson());
        // Each line is an application the batch reads, deciding the same as recorded.
        Application again = ApplicationReader.fromJson(inputs.get(1));
        assertThat(DecisionJson.compact(DecisionJson.toTree(again, RecordsFixture.engine().evaluate(again),
                T0.plusSeconds(5)))).isEqualTo(b.decisionJson());
    }

    @Test
    void aPurgeDeletesExactlyTheRangeAndKeepsTheRulesArchive() {
        DecisionRecord before = at(T0.minusSeconds(1), recorder, RecordsFixture.oneProduct("A-U0", "E-U", "1000000"));
        DecisionRecord in1 = at(T0, recorder, RecordsFixture.oneProduct("A-U1", "E-U", "1000000"));
        DecisionRecord in2 = at(T0.plusSeconds(59), recorder, RecordsFixture.oneProduct("A-U2", "E-U", "1000000"));
        DecisionRecord after = at(T0.plusSeconds(60), recorder, RecordsFixture.oneProduct("A-U3", "E-U", "1000000"));

        assertThat(store.purge(T0, T0.plusSeconds(60))).isEqualTo(2);

        assertThat(ids(RecordQuery.all().enterprise("E-U"))).containsExactly(before.id(), after.id());
        assertThat(store.find(in1.id())).isEmpty();
        assertThat(store.find(in2.id())).isEmpty();
        assertThat(ids(RecordQuery.all().clause("1.1"))).containsExactly(before.id(), after.id());
        assertThat(store.isArchived(RecordsFixture.RULES.version())).isTrue();
        assertThatThrownBy(() -> store.purge(T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondStoreOnTheSameDatabaseSeesTheRecordsOfTheFirst() throws Exception {
        DecisionRecord record = recorder.record("key-shared", RecordsFixture.oneProduct("A-SH", "E-SH", "1000000")).record();
        try (RecordStore second = RecordStore.open(config())) {
            assertThat(second.find(record.id())).contains(record);
            Recorder other = new Recorder(second, RecordsFixture.engine(), clock);
            assertThat(other.record("key-shared", RecordsFixture.oneProduct("A-SH", "E-SH", "1000000")))
                    .isEqualTo(new Recorder.Outcome(record, false));
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    DecisionRecord at(Instant when, Recorder by, Application application) {
        clock.set(when);
        return by.record(null, application).record();
    }

    Recorder recorderFor(PolicyEngine engine) {
        return new Recorder(store, engine, clock);
    }

    List<String> ids(RecordQuery query) {
        return store.list(query).records().stream().map(RecordSummary::id).toList();
    }

    void execute(String sql, String... parameters) throws Exception {
        RecordsConfig config = store.config();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static int count(ResultSet r) throws Exception {
        int n = 0;
        while (r.next()) {
            n++;
        }
        return n;
    }
}
