package cn.minhang.policy.service;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.records.RecordsConfig;
import com.fasterxml.jackson.databind.ObjectMapper;

import static cn.minhang.policy.service.RunningService.ADMIN_TOKEN;
import static cn.minhang.policy.service.RunningService.READ_RECORDS_TOKEN;
import static cn.minhang.policy.service.RunningService.SUBMIT_TOKEN;
import static cn.minhang.policy.service.RunningService.bearer;

/**
 * For OpenApiTest: the requests that provoke every documented response of the record routes, on a service that
 * keeps records ({@link #records()}) and on one whose records database cannot be reached
 * ({@link #unreachable()}).
 */
final class RecordsOpenApiExchanges {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a request answered, under the documented path it was made to. */
    interface Sink {
        void add(String method, String documentedPath, HttpResponse<String> response);
    }

    private RecordsOpenApiExchanges() {
    }

    /** An H2 file in a temporary directory, deleted when the JVM exits. */
    static RecordsConfig records() {
        try {
            Path dir = Files.createTempDirectory("policy-openapi-records-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (java.io.IOException ignored) {
                    // a temporary directory left behind is not worth failing a test for
                }
            }, "openapi-records-cleanup"));
            return RecordsConfig.h2(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A PostgreSQL URL on which nothing listens: every use of the records is 503 at once. */
    static RecordsConfig unreachable() {
        return RecordsConfig.jdbc("jdbc:postgresql://127.0.0.1:9/none", "none", "")
                .withConnectionTimeout(Duration.ofMillis(250));
    }

    static void exercise(RunningService main, RunningService unavailable, Sink out) throws Exception {
        String json = "application/json";
        String example = Files.readString(Path.of("examples/joint-module-maker.json"));
        String records = "/v1/records";
        String[] submit = bearer(SUBMIT_TOKEN);
        String[] read = bearer(READ_RECORDS_TOKEN);
        String[] withKey = {submit[0], submit[1], "Idempotency-Key", "openapi-1"};

        HttpResponse<String> created = main.post(records, json, example, withKey);
        out.add("POST", records, created);
        out.add("POST", records, main.post(records, json, example, withKey));
        out.add("POST", records, main.post(records, json, example.replace("8000000", "8000001"), withKey));
        out.add("POST", records, main.post(records, json, "{\"id\": \"A1\"}", submit));
        out.add("POST", records, main.post(records, json, example));
        out.add("POST", records, main.post(records, json, example, read));
        out.add("POST", records, main.post(records, json, " ".repeat(1 << 20) + example, submit));
        out.add("POST", records, main.post(records, "text/plain", example, submit));
        out.add("POST", records, unavailable.post(records, json, example, submit));
        String id = JSON.readTree(created.body()).get("id").asText();
        String version = JSON.readTree(created.body()).get("rulesVersion").asText();

        out.add("GET", records, main.get(records + "?enterprise=E-QINGTIAN&limit=1", read));
        out.add("GET", records, main.get(records + "?limit=0", read));
        out.add("GET", records, main.get(records));
        out.add("GET", records, main.get(records, submit));
        out.add("GET", records, unavailable.get(records, read));

        String export = records + "/export";
        out.add("GET", export, main.get(export, read));
        out.add("GET", export, main.get(export + "?content=applications", read));
        out.add("GET", export, main.get(export + "?content=pdf", read));
        out.add("GET", export, main.get(export));
        out.add("GET", export, main.get(export, submit));
        out.add("GET", export, unavailable.get(export, read));

        String one = records + "/{id}";
        out.add("GET", one, main.get(records + "/" + id, read));
        out.add("GET", one, main.get(records + "/" + id));
        out.add("GET", one, main.get(records + "/" + id, submit));
        out.add("GET", one, main.get(records + "/no-such-record", read));
        out.add("GET", one, unavailable.get(records + "/" + id, read));

        String replay = records + "/{id}/replay";
        out.add("GET", replay, main.get(records + "/" + id + "/replay", read));
        out.add("GET", replay, main.get(records + "/" + id + "/replay?rules=current", read));
        out.add("GET", replay, main.get(records + "/" + id + "/replay?rules=tomorrow", read));
        out.add("GET", replay, main.get(records + "/" + id + "/replay"));
        out.add("GET", replay, main.get(records + "/" + id + "/replay", submit));
        out.add("GET", replay, main.get(records + "/no-such-record/replay", read));
        out.add("GET", replay, unavailable.get(records + "/" + id + "/replay", read));

        String archive = "/v1/rules/archive";
        out.add("GET", archive, main.get(archive, read));
        out.add("GET", archive, main.get(archive));
        out.add("GET", archive, main.get(archive, submit));
        out.add("GET", archive, unavailable.get(archive, read));
        String archived = archive + "/{version}";
        out.add("GET", archived, main.get(archive + "/" + version, read));
        out.add("GET", archived, main.get(archive + "/" + version));
        out.add("GET", archived, main.get(archive + "/" + version, submit));
        out.add("GET", archived, main.get(archive + "/sha256:0000000000000000", read));
        out.add("GET", archived, unavailable.get(archive + "/" + version, read));

        String range = "?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z";
        out.add("DELETE", records, delete(main, records + range, ADMIN_TOKEN));
        out.add("DELETE", records, delete(main, records + "?from=2000-01-01T00:00:00Z", ADMIN_TOKEN));
        out.add("DELETE", records, main.send(main.request(records + range).DELETE().build()));
        out.add("DELETE", records, delete(main, records + range, READ_RECORDS_TOKEN));
        out.add("DELETE", records, delete(unavailable, records + range, ADMIN_TOKEN));

        // Every place taken: 429 for the routes that evaluate.
        EvaluationPool pool = main.service().evaluations();
        List<EvaluationPool.Permit> held = new ArrayList<>();
        try {
            while (pool.available() > 0) {
                held.add(pool.acquire());
            }
            out.add("POST", records, main.post(records, json, example, submit));
            out.add("GET", replay, main.get(records + "/" + id + "/replay", read));
        } finally {
            held.forEach(EvaluationPool.Permit::close);
        }
    }

    private static HttpResponse<String> delete(RunningService s, String pathAndQuery, String token) {
        return s.send(s.request(pathAndQuery, bearer(token)).DELETE().build());
    }

}
