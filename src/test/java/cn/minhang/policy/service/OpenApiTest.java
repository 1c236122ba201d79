package cn.minhang.policy.service;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import cn.minhang.policy.io.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves: every route the server registers is in it, every documented response
 * of every route is provoked from a running service and is what the document says (status, media type, headers,
 * and the body valid against the schema given for it), and its schemas are the project's JSON Schemas.
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAPI_ID = "urn:minhang-embodied-ai-policy:openapi";
    private static final String EXAMPLE = read(Path.of("examples/joint-module-maker.json"));

    private static RunningService main;
    private static RunningService faulty;
    private static RunningService unready;
    /** A service whose body time limit is short enough to provoke its 408 from a client trickling a body. */
    private static RunningService slow;
    private static JsonNode openapi;
    private static SchemaRegistry schemas;

    /** One request made and what it answered: its status, headers and body. */
    private record Exchange(String method, String path, int status, HttpHeaders headers, String body) {
        String mediaType() {
            return headers.firstValue("Content-Type").orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        main = RunningService.shared();
        // A rule that fails at run time on one application (and on no spec case): the 500 of an evaluation.
        Path rules = RunningService.copyOf(Path.of("rules"), "rules");
        Files.writeString(rules.resolve("m15-closing-paragraph.drl"), """

                rule "Closing: a fault for the test of a failing evaluation"
                    @clause("closing")
                when
                    Application( id == "FAULT" )
                then
                    BigDecimal broken = new BigDecimal("not a number");
                end
                """, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        faulty = RunningService.start(rules, RunningService.copyOf(Path.of("specs"), "specs"),
                UnaryOperator.identity(), true);
        // Rules that do not compile: a service that is live but never ready.
        Path broken = RunningService.copyOf(Path.of("rules"), "rules");
        Files.writeString(broken.resolve("m01-core-components.drl"), "rule \"1.1 broken\" @clause(\"1.1\")\n"
                + "when\n  nosuch(\nthen\nend\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        unready = RunningService.start(broken, RunningService.copyOf(Path.of("specs"), "specs"),
                b -> b.records(RecordsOpenApiExchanges.unreachable()), false);
        assertThat(unready.service().awaitReady(java.time.Duration.ofMinutes(2))).isFalse();
        slow = RunningService.start(b -> b.bodyTimeLimit(java.time.Duration.ofMillis(500))
                .records(RecordsOpenApiExchanges.records()));

        HttpResponse<String> document = main.get("/v1/openapi.json");
        assertThat(document.statusCode()).isEqualTo(200);
        openapi = JSON.readTree(document.body());
        Map<String, String> known = new LinkedHashMap<>();
        known.put(OPENAPI_ID, document.body());
        known.put("urn:minhang-embodied-ai-policy:schema:application", read(SchemaValidator.FILE));
        known.put("urn:minhang-embodied-ai-policy:schema:decision", read(SchemaValidator.DECISION_FILE));
        schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(known));
    }

    @AfterAll
    static void stop() {
        for (RunningService s : new RunningService[]{main, faulty, unready, slow}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void everyRouteTheServerRegistersIsDocumentedAndEveryDocumentedPathIsARoute() {
        Set<String> documented = new TreeSet<>();
        openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> registered = new TreeSet<>(main.service().routes());
        assertThat(registered).contains("POST /v1/evaluate", "POST /v1/batch", "GET /v1/rules",
                "POST /v1/admin/reload", "GET /v1/openapi.json", "GET /health/ready", "GET /metrics");
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void itsSchemasAreTheProjectsJsonSchemas() throws Exception {
        JsonNode components = openapi.get("components").get("schemas");
        assertThat(components.get("Application")).isEqualTo(JSON.readTree(SchemaValidator.FILE.toFile()));
        assertThat(components.get("DecisionDocument")).isEqualTo(JSON.readTree(SchemaValidator.DECISION_FILE.toFile()));
        assertThat(openapi.get("openapi").asText()).isEqualTo("3.1.0");
        JsonNode evaluate = openapi.at("/paths/~1v1~1evaluate/post/requestBody/content/application~1json/schema");
        assertThat(evaluate.get("$ref").asText()).isEqualTo("#/components/schemas/Application");
    }

    @Test
    void everyDocumentedResponseIsWhatTheRouteAnswers() throws Exception {
        List<Exchange> exchanges = exercise();
        List<String> failures = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                String pointer = "/paths/" + escape(path.getKey()) + "/" + operation.getKey() + "/responses";
                Iterator<Map.Entry<String, JsonNode>> responses = operation.getValue().get("responses").fields();
                while (responses.hasNext()) {
                    Map.Entry<String, JsonNode> documented = responses.next();
                    int status = Integer.parseInt(documented.getKey());
                    String responsePointer = pointer + "/" + documented.getKey();
                    JsonNode response = documented.getValue();
                    if (response.has("$ref")) {
                        responsePointer = response.get("$ref").asText().substring(1);
                        response = openapi.at(responsePointer);
                    }
                    Iterator<String> types = response.get("content").fieldNames();
                    while (types.hasNext()) {
                        String type = types.next();
                        List<Exchange> matching = exchanges.stream().filter(e -> e.method().equals(method)
                                && e.path().equals(path.getKey()) && e.status() == status
                                && e.mediaType().equals(type)).toList();
                        String what = method + " " + path.getKey() + " " + status + " " + type;
                        if (matching.isEmpty()) {
                            failures.add(what + ": documented, but no request of this test provoked it");
                        }
                        for (Exchange e : matching) {
                            failures.addAll(check(what, e, response, responsePointer + "/content/" + escape(type)));
                        }
                    }
                }
            }
        }
        // Every exchange is a documented response, or one of the two answers for any path.
        for (Exchange e : exchanges) {
            JsonNode operation = openapi.path("paths").path(e.path()).path(e.method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode() || !operation.get("responses").has(String.valueOf(e.status()))) {
                failures.add(e.method() + " " + e.path() + " answered " + e.status() + ", which is not documented");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void anUnknownRouteAndAWrongMethodAnswerTheDocumentedErrors() throws Exception {
        HttpResponse<String> notFound = main.get("/v1/nosuch");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(validate("/components/responses/NotFound/content/application~1json/schema",
                JSON.readTree(notFound.body()))).isEmpty();
        HttpResponse<String> wrongMethod = main.get("/v1/evaluate");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        assertThat(validate("/components/responses/MethodNotAllowed/content/application~1json/schema",
                JSON.readTree(wrongMethod.body()))).isEmpty();
    }

    /** The requests that provoke every documented response. */
    private static List<Exchange> exercise() throws Exception {
        List<Exchange> out = new ArrayList<>();
        String json = "application/json";
        String ndjson = "application/x-ndjson";
        String invalid = "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\", \"colour\": 1}";
        String admin = RunningService.ADMIN_TOKEN;

        out.add(post(main, "/v1/evaluate", "", json, EXAMPLE));
        out.add(exchange("POST", "/v1/evaluate", main.send(main.request("/v1/evaluate", "Accept", "text/plain",
                "Content-Type", json).POST(HttpRequest.BodyPublishers.ofString(EXAMPLE)).build())));
        out.add(post(main, "/v1/evaluate", "?firedRules=true&at=2026-07-01T09:00:00Z", json, EXAMPLE));
        out.add(post(main, "/v1/evaluate", "", json, invalid));
        out.add(post(main, "/v1/evaluate", "?lang=fr", json, EXAMPLE));
        out.add(post(main, "/v1/evaluate", "", json, " ".repeat(1 << 20) + EXAMPLE));
        out.add(post(main, "/v1/evaluate", "", "text/plain", EXAMPLE));
        out.add(post(faulty, "/v1/evaluate", "", json, EXAMPLE.replace("\"EX-2026-001\"", "\"FAULT\"")));
        out.add(post(unready, "/v1/evaluate", "", json, EXAMPLE));

        String lines = EXAMPLE.replace("\n", " ") + "\n" + invalid + "\n";
        out.add(post(main, "/v1/batch", "", ndjson, lines));
        out.add(post(main, "/v1/batch", "?at=yesterday", ndjson, lines));
        out.add(post(main, "/v1/batch", "", json, lines));
        out.add(post(unready, "/v1/batch", "", ndjson, lines));

        out.add(get(main, "/v1/rules"));
        out.add(get(unready, "/v1/rules"));
        out.add(get(main, "/v1/schemas/application"));
        out.add(get(main, "/v1/schemas/decision"));
        out.add(get(main, "/v1/openapi.json"));
        out.add(get(main, "/health/live"));
        out.add(get(main, "/health/ready"));
        out.add(get(unready, "/health/ready"));
        out.add(get(main, "/metrics"));

        out.add(post(main, "/v1/admin/reload", "", null, "", RunningService.bearer(admin)));
        out.add(post(main, "/v1/admin/reload", "", null, ""));
        out.add(post(main, "/v1/admin/reload", "", null, "", RunningService.bearer("not-a-token")));
        out.add(post(main, "/v1/admin/reload", "", null, "", RunningService.bearer(RunningService.SUBMIT_TOKEN)));
        Path brokenFile = main.rulesDirectory().resolve("m14-talent-broken.drl");
        Files.writeString(brokenFile, "rule \"14 broken\" @clause(\"14\")\nwhen\n  nosuch(\nthen\nend\n");
        try {
            out.add(post(main, "/v1/admin/reload", "", null, "", RunningService.bearer(admin)));
        } finally {
            Files.delete(brokenFile);
        }
        out.add(post(unready, "/v1/admin/reload", "", null, "", RunningService.bearer(admin)));

        RecordsOpenApiExchanges.exercise(main, unready, (method, path, r) -> out.add(exchange(method, path, r)));
        // A body trickled in past the body time limit: 408 on both routes that read one document.
        out.add(trickled(slow, "/v1/evaluate", ""));
        out.add(trickled(slow, "/v1/records", "Authorization: Bearer " + RunningService.SUBMIT_TOKEN + "\r\n"));

        // Every place taken: 429 for each route that evaluates.
        EvaluationPool pool = main.service().evaluations();
        List<EvaluationPool.Permit> held = new ArrayList<>();
        try {
            while (pool.available() > 0) {
                held.add(pool.acquire());
            }
            out.add(post(main, "/v1/evaluate", "", json, EXAMPLE));
            out.add(post(main, "/v1/batch", "", ndjson, lines));
            out.add(post(main, "/v1/admin/reload", "", null, "", RunningService.bearer(admin)));
        } finally {
            held.forEach(EvaluationPool.Permit::close);
        }
        return out;
    }

    private static List<String> check(String what, Exchange e, JsonNode response, String mediaPointer)
            throws IOException {
        List<String> failures = new ArrayList<>();
        JsonNode headers = response.path("headers");
        headers.fieldNames().forEachRemaining(h -> {
            if (e.headers().firstValue(h).isEmpty()) {
                failures.add(what + ": the documented header " + h + " is missing");
            }
        });
        String body = e.body();
        String type = e.mediaType();
        List<JsonNode> documents = new ArrayList<>();
        String schemaPointer = mediaPointer + "/schema";
        if (type.equals("text/plain")) {
            documents.add(TextNode.valueOf(body));
        } else if (type.equals("application/x-ndjson")) {
            schemaPointer = mediaPointer + "/x-jsonl-item";
            for (String line : body.split("\n")) {
                documents.add(JSON.readTree(line));
            }
            if (documents.isEmpty()) {
                failures.add(what + ": no lines");
            }
        } else {
            documents.add(JSON.readTree(body));
        }
        for (JsonNode document : documents) {
            for (String error : validate(schemaPointer, document)) {
                failures.add(what + ": " + error + " in " + clip(body));
            }
        }
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception");
        return failures;
    }

    private static List<String> validate(String pointer, JsonNode document) {
        Schema schema = schemas.getSchema(SchemaLocation.of(OPENAPI_ID + "#" + pointer));
        List<Error> errors = schema.validate(document.toString(), InputFormat.JSON);
        return errors.stream().map(err -> err.getInstanceLocation() + " " + err.getMessage()).toList();
    }

    private static Exchange post(RunningService s, String path, String query, String type, String body,
                                 String... headers) {
        return exchange("POST", path, s.post(path + query, type, body, headers));
    }

    /** A POST whose declared body of 1,000 bytes comes one byte every 50 ms, until the service answers. */
    private static Exchange trickled(RunningService s, String path, String headers) throws Exception {
        try (RawHttp http = new RawHttp(s.service().port(), 10_000)) {
            http.write("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + headers
                    + "Content-Length: 1000\r\n\r\n");
            for (int i = 0; i < 1000 && !http.answerWaiting(); i++) {
                http.write(" ");
                Thread.sleep(50);
            }
            RawHttp.Response r = http.read();
            Map<String, List<String>> fields = new LinkedHashMap<>();
            r.headers().forEach((name, value) -> fields.put(name, List.of(value)));
            return new Exchange("POST", path, r.status(), HttpHeaders.of(fields, (name, value) -> true), r.body());
        }
    }

    private static Exchange get(RunningService s, String path) {
        return exchange("GET", path, s.get(path));
    }

    private static Exchange exchange(String method, String path, HttpResponse<String> response) {
        return new Exchange(method, path, response.statusCode(), response.headers(), response.body());
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unused")
    private static Set<String> set(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }
}
