package cn.minhang.policy.service;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.SchemaValidator;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.records.RecordsConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static cn.minhang.policy.service.RunningService.ADMIN_TOKEN;
import static cn.minhang.policy.service.RunningService.READ_RECORDS_TOKEN;
import static cn.minhang.policy.service.RunningService.SUBMIT_TOKEN;
import static cn.minhang.policy.service.RunningService.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record routes on a running service (real HTTP on a real port), against each database (a subclass per
 * database). Every test uses applications and enterprises of its own, so the tests do not see each other's records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecordsRoutesContract {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    RunningService running;

    abstract RecordsConfig records() throws Exception;

    @BeforeAll
    void start() throws Exception {
        RecordsConfig records = records();
        running = RunningService.start(b -> b.records(records));
    }

    @AfterAll
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void theServiceIsReadyWithItsRecordsDatabaseAnswering() throws Exception {
        HttpResponse<String> ready = running.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.get("status").asText()).isEqualTo("ready");
        assertThat(body.get("records").asText()).isEqualTo("available");
    }

    // ------------------------------------------------------------------------------------------------ recording

    @Test
    void aRecordedEvaluationAnswersTheCommittedRecordWithTheDecisionOfTheEvaluateRoute() throws Exception {
        String body = application("A-R1", "E-R1");
        HttpResponse<String> created = record(body, "key-r1");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode record = JSON.readTree(created.body());
        String id = record.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/records/" + id);
        assertThat(record.get("idempotencyKey").asText()).isEqualTo("key-r1");
        assertThat(record.get("applicationId").asText()).isEqualTo("A-R1");
        assertThat(record.get("enterpriseId").asText()).isEqualTo("E-R1");
        assertThat(record.get("total").asText()).isEqualTo("10400000.00");
        assertThat(record.get("clauses").toString()).isEqualTo("[{\"clause\":\"1.1\",\"status\":\"CAPPED\"},"
                + "{\"clause\":\"1.1\",\"status\":\"GRANTED\"},{\"clause\":\"1.2\",\"status\":\"AGGREGATE_CAP\"},"
                + "{\"clause\":\"1.2\",\"status\":\"GRANTED\"},{\"clause\":\"11\",\"status\":\"SUPPORT\"}]");
        JsonNode decision = record.get("decision");
        assertThat(SchemaValidator.decisionErrors(decision.toString())).isEmpty();
        assertThat(decision.get("total").asText()).isEqualTo("10400000.00");
        assertThat(decision.get("audit").get("evaluatedAt").asText()).isEqualTo(record.get("receivedAt").asText());
        assertThat(decision.get("audit").get("inputSha256").asText()).isEqualTo(record.get("inputSha256").asText())
                .isEqualTo(sha256(record.get("application").toString()));
        assertThat(created.headers().firstValue(Http.RULES_VERSION_HEADER))
                .hasValue(decision.get("rulesVersion").asText());

        // The same decision as the unrecorded route makes, at the recorded time.
        Application application = ApplicationReader.fromJson(body);
        String expected = DecisionJson.compact(DecisionJson.toTree(application,
                running.service().rules().engine().evaluate(application),
                Instant.parse(record.get("receivedAt").asText())));
        assertThat(JSON.readTree(expected)).isEqualTo(decision);

        HttpResponse<String> read = running.get("/v1/records/" + id, bearer(READ_RECORDS_TOKEN));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameRecordAndAnotherApplicationUnderItIsAConflict() throws Exception {
        HttpResponse<String> first = record(application("A-K1", "E-K1"), "key-k1");
        assertThat(first.statusCode()).isEqualTo(201);
        // The same application with its fields in another order.
        String reordered = JSON.readTree(application("A-K1", "E-K1")).toString()
                .replace("\"rndInvestment\":\"8000000\"", "\"rndInvestment\":8000000");
        HttpResponse<String> retried = record(reordered, "key-k1");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());

        HttpResponse<String> conflict = record(application("A-K2", "E-K1"), "key-k1");
        assertThat(conflict.statusCode()).isEqualTo(409);
        JsonNode error = JSON.readTree(conflict.body());
        assertThat(error.get("error").asText()).isEqualTo("conflict");
        assertThat(error.get("problems").get(0).get("message").asText()).contains("key-k1")
                .contains(JSON.readTree(first.body()).get("id").asText());
        assertThat(SchemaValidator.decisionErrors(conflict.body())).isEmpty();
        assertThat(list("?enterprise=E-K1").get("records")).hasSize(1);
    }

    @Test
    void refusedRequestsStoreNothing() throws Exception {
        HttpResponse<String> invalid = record("{\"id\": \"A-BAD\", \"applicationDate\": \"2026-03-01\"}", "key-bad");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(invalid.body()).get("problems").findValuesAsText("path")).contains("$.enterprise");

        HttpResponse<String> badKey = record(application("A-BADKEY", "E-BAD"), "a key with spaces");
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).contains("Idempotency-Key");

        HttpResponse<String> noToken = running.post("/v1/records", "application/json", application("A-NT", "E-BAD"));
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> readToken = running.post("/v1/records", "application/json",
                application("A-RT", "E-BAD"), bearer(READ_RECORDS_TOKEN));
        assertThat(readToken.statusCode()).isEqualTo(403);
        assertThat(list("?enterprise=E-BAD").get("records")).isEmpty();
        assertThat(list("?application=A-BAD").get("records")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Test
    void readingRecordsNeedsTheReadRecordsRole() {
        assertThat(running.get("/v1/records").statusCode()).isEqualTo(401);
        assertThat(running.get("/v1/records", bearer(SUBMIT_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(running.get("/v1/records/export", bearer(ADMIN_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(running.get("/v1/rules/archive", bearer(SUBMIT_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(running.get("/v1/records", bearer(READ_RECORDS_TOKEN)).statusCode()).isEqualTo(200);
        HttpResponse<String> missing = running.get("/v1/records/no-such-record", bearer(READ_RECORDS_TOKEN));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no-such-record");
    }

    @Test
    void theListFiltersAndPagesAndTheExportStreamsTheBatchLines() throws Exception {
        String a = id(record(application("A-F1", "E-F"), null));
        String b = id(record(oneProduct("A-F2", "E-F", "1000000"), null));
        String c = id(record(oneProduct("A-F3", "E-F", "20000000"), null));

        assertThat(ids(list("?enterprise=E-F"))).containsExactly(a, b, c);
        assertThat(ids(list("?enterprise=E-F&clause=1.2"))).containsExactly(a);
        assertThat(ids(list("?enterprise=E-F&clause=1.1&status=CAPPED"))).containsExactly(a, c);
        assertThat(ids(list("?enterprise=E-F&status=granted"))).containsExactly(a, b);
        assertThat(ids(list("?application=A-F2"))).containsExactly(b);
        JsonNode first = list("?enterprise=E-F&limit=2");
        assertThat(ids(first)).containsExactly(a, b);
        JsonNode second = list("?enterprise=E-F&limit=2&after=" + first.get("next").asText());
        assertThat(ids(second)).containsExactly(c);
        assertThat(second.get("next").isNull()).isTrue();
        String receivedB = list("?application=A-F2").get("records").get(0).get("receivedAt").asText();
        assertThat(ids(list("?enterprise=E-F&from=" + receivedB))).containsExactly(b, c);

        HttpResponse<String> export = running.get("/v1/records/export?enterprise=E-F", bearer(READ_RECORDS_TOKEN));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/x-ndjson"));
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            String id = List.of(a, b, c).get(i);
            JsonNode stored = JSON.readTree(running.get("/v1/records/" + id, bearer(READ_RECORDS_TOKEN)).body());
            assertThat(lines.get(i)).isEqualTo(DecisionJson.compact(stored.get("decision")));
            assertThat(SchemaValidator.decisionErrors(lines.get(i))).isEmpty();
        }
        List<String> applications = running.get("/v1/records/export?enterprise=E-F&content=applications",
                bearer(READ_RECORDS_TOKEN)).body().lines().toList();
        assertThat(applications).hasSize(3);
        assertThat(ApplicationReader.fromJson(applications.get(1)).id()).isEqualTo("A-F2");

        for (String bad : List.of("?limit=0", "?limit=x", "?from=yesterday", "?status=MAYBE", "?after=next",
                "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")) {
            HttpResponse<String> r = running.get("/v1/records" + bad, bearer(READ_RECORDS_TOKEN));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("invalid request");
        }
        HttpResponse<String> every = running.get("/v1/records?limit=x&from=yesterday&status=MAYBE&after=next",
                bearer(READ_RECORDS_TOKEN));
        assertThat(every.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(every.body()).get("problems").findValuesAsText("message"))
                .as("every parameter out of range is named, not only the first").hasSize(4)
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter limit "))
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter from "))
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter status "))
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter after "));
        HttpResponse<String> badExport = running.get("/v1/records/export?limit=x&content=both",
                bearer(READ_RECORDS_TOKEN));
        assertThat(badExport.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badExport.body()).get("problems").findValuesAsText("message")).hasSize(2)
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter limit "))
                .anySatisfy(m -> assertThat(m).startsWith("the query parameter content "));
    }

    // ------------------------------------------------------------------------------------------------ replay

    @Test
    void aReplayReproducesTheRecordOnItsArchivedRulesAndShowsWhatTheRulesServingNowChange() throws Exception {
        JsonNode record = JSON.readTree(record(application("A-RP", "E-RP"), null).body());
        String id = record.get("id").asText();
        String version = record.get("rulesVersion").asText();

        JsonNode archive = JSON.readTree(running.get("/v1/rules/archive/" + version, bearer(READ_RECORDS_TOKEN)).body());
        Map<String, String> files = new TreeMap<>();
        archive.get("files").forEach(f -> files.put(f.get("name").asText(), f.get("text").asText()));
        assertThat(files).isEqualTo(filesOf(running.rulesDirectory()));
        assertThat(running.get("/v1/rules/archive/sha256:0000000000000000", bearer(READ_RECORDS_TOKEN)).statusCode())
                .isEqualTo(404);

        HttpResponse<String> replayed = running.get("/v1/records/" + id + "/replay", bearer(READ_RECORDS_TOKEN));
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode replay = JSON.readTree(replayed.body());
        assertThat(replay.get("basis").asText()).isEqualTo("ARCHIVED");
        assertThat(replay.get("identical").asBoolean()).isTrue();
        assertThat(replay.get("differences")).isEmpty();
        assertThat(replay.get("decision")).isEqualTo(record.get("decision"));

        // An analyst's edit that changes no amount: a new version, archived as it starts to serve.
        Path m15 = running.rulesDirectory().resolve("m15-closing-paragraph.drl");
        Files.writeString(m15, Files.readString(m15) + "\n// reviewed " + getClass().getSimpleName() + "\n");
        running.service().rules().reload();
        String now = running.service().rules().version();
        assertThat(now).isNotEqualTo(version);
        JsonNode versions = JSON.readTree(running.get("/v1/rules/archive", bearer(READ_RECORDS_TOKEN)).body());
        assertThat(versions.get("versions").findValuesAsText("version")).contains(version, now);

        JsonNode today = JSON.readTree(running.get("/v1/records/" + id + "/replay?rules=current",
                bearer(READ_RECORDS_TOKEN)).body());
        assertThat(today.get("basis").asText()).isEqualTo("CURRENT");
        assertThat(today.get("rulesVersion").asText()).isEqualTo(now);
        assertThat(today.get("identical").asBoolean()).isFalse();
        assertThat(today.get("differences").findValuesAsText("path")).containsExactly("/rulesVersion",
                "/audit/rulesVersion");
        assertThat(today.get("differences").get(0).get("recorded").asText()).isEqualTo(version);
        assertThat(today.get("differences").get(0).get("replayed").asText()).isEqualTo(now);
        // The archived replay still reproduces the record, on its own version.
        JsonNode again = JSON.readTree(running.get("/v1/records/" + id + "/replay?rules=archived",
                bearer(READ_RECORDS_TOKEN)).body());
        assertThat(again.get("identical").asBoolean()).isTrue();
        assertThat(again.get("rulesVersion").asText()).isEqualTo(version);
    }

    // ------------------------------------------------------------------------------------------------ purge

    @Test
    void aPurgeOfARangeNeedsTheAdminRoleAndDeletesExactlyThatRange() throws Exception {
        String a = id(record(oneProduct("A-PU1", "E-PU", "1000000"), null));
        Thread.sleep(5);
        String b = id(record(oneProduct("A-PU2", "E-PU", "1000000"), null));
        String receivedB = list("?application=A-PU2").get("records").get(0).get("receivedAt").asText();
        String range = "?from=2000-01-01T00:00:00Z&to=" + receivedB;

        assertThat(delete(range, READ_RECORDS_TOKEN).statusCode()).isEqualTo(403);
        assertThat(delete("?from=2000-01-01T00:00:00Z", ADMIN_TOKEN).statusCode()).isEqualTo(400);
        HttpResponse<String> purged = delete(range, ADMIN_TOKEN);
        assertThat(purged.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(purged.body());
        assertThat(answer.get("purged").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.get("to").asText()).isEqualTo(receivedB);
        assertThat(ids(list("?enterprise=E-PU"))).containsExactly(b);
        assertThat(running.get("/v1/records/" + a, bearer(READ_RECORDS_TOKEN)).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    HttpResponse<String> record(String body, String key) {
        return record(running, body, key);
    }

    static HttpResponse<String> record(RunningService on, String body, String key) {
        String[] auth = bearer(SUBMIT_TOKEN);
        String[] headers = key == null ? auth : new String[]{auth[0], auth[1], "Idempotency-Key", key};
        return on.post("/v1/records", "application/json", body, headers);
    }

    HttpResponse<String> delete(String query, String token) {
        return running.send(running.request("/v1/records" + query, bearer(token)).DELETE().build());
    }

    JsonNode list(String query) throws Exception {
        HttpResponse<String> r = running.get("/v1/records" + query, bearer(READ_RECORDS_TOKEN));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static List<String> ids(JsonNode page) {
        return page.get("records").findValuesAsText("id");
    }

    static String id(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    /** The bundled joint-module maker under another id and enterprise: 10,400,000.00 granted. */
    static String application(String id, String enterprise) throws Exception {
        return Files.readString(Path.of("examples/joint-module-maker.json"))
                .replace("\"EX-2026-001\"", "\"" + id + "\"").replace("\"E-QINGTIAN\"", "\"" + enterprise + "\"");
    }

    /** One product: 1.1 grants 30% of {@code rnd}, at most 3,000,000. */
    static String oneProduct(String id, String enterprise, String rnd) {
        return """
                {"id": "%s", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "%s", "name": "示例关节科技有限公司", "locatedInDistrict": true, "embodiedAiField": true},
                 "products": [{"id": "P1", "name": "一体化关节模组", "category": "INTEGRATED_JOINT",
                               "rndInvestment": "%s", "ownIp": true, "marketSales": true}]}
                """.formatted(id, enterprise, rnd);
    }

    static Map<String, String> filesOf(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.list(dir)) {
            for (Path p : paths.filter(p -> RuleSource.isRulesFile(p.getFileName().toString())).toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpRequest.BodyPublisher utf8(String body) {
        return HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
    }
}
