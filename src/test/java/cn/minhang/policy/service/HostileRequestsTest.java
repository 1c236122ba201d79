package cn.minhang.policy.service;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.io.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or broken client gets from a running service on a real port: the right status, the error
 * document with every problem, and never a stack trace; and what it cannot do: make the server read a body past
 * its limit, hold a thread by trickling or by silence, or run more evaluations than the limit.
 */
class HostileRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = read(Path.of("examples/robot-buyer.json"));
    private static RunningService main;
    /** One evaluation at a time, 30 ms each, bodies within 1 s, connections silent at most 1 s; CORS for one origin. */
    private static RunningService limited;

    @BeforeAll
    static void start() {
        main = RunningService.shared();
        limited = RunningService.start(b -> b.maxConcurrent(1).timeLimit(Duration.ofMillis(30))
                .bodyTimeLimit(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(1)).retryAfter(Duration.ofSeconds(2))
                .corsOrigin("https://portal.example.gov.cn"));
    }

    @AfterAll
    static void stop() {
        main.close();
        limited.close();
    }

    @Test
    void corsIsOffUnlessConfiguredAndThenOnlyForTheOriginsConfigured() throws Exception {
        String origin = "https://portal.example.gov.cn";
        HttpResponse<String> off = main.post("/v1/evaluate", "application/json", EXAMPLE, "Origin", origin);
        assertThat(off.statusCode()).isEqualTo(200);
        assertThat(off.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> on = limited.get("/v1/rules", "Origin", origin);
        assertThat(on.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
        HttpResponse<String> other = limited.get("/v1/rules", "Origin", "https://elsewhere.example.com");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> preflight = limited.send(limited.request("/v1/evaluate", "Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() throws Exception {
        JsonNode error = error(main.post("/v1/evaluate", "application/json", "{\"id\": \"A1\",\n \"enterprise\": "),
                400, "invalid application");
        assertThat(error.at("/problems/0/path").asText()).isEqualTo("$");
        assertThat(error.at("/problems/0/message").asText()).startsWith("malformed JSON at line 2, column 16");
    }

    @Test
    void anInvalidApplicationIs400WithEveryProblemAtItsPath() throws Exception {
        String body = EXAMPLE.replaceFirst("\"supplierAffiliated\": false", "\"supplierAffiliated\": \"no\"")
                .replace("\"amount\": \"4500000\"", "\"amount\": \"-5\"")
                .replace("\"applicationDate\": \"2026-05-20\"", "\"applicationDate\": \"20/05/2026\"");
        JsonNode error = error(main.post("/v1/evaluate", "application/json", body), 400, "invalid application");
        assertThat(error.get("problems").findValuesAsText("path")).containsExactlyInAnyOrder(
                "$.applicationDate", "$.purchases[0].supplierAffiliated", "$.purchases[1].amount");
    }

    @Test
    void aBodyDeclaredOverTheLimitIs413BeforeItIsSent() throws Exception {
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            long started = System.nanoTime();
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\n\r\n{\"id\": ");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
            JsonNode error = clean(response.body());
            assertThat(error.get("error").asText()).isEqualTo("request too large");
            assertThat(error.at("/problems/0/message").asText())
                    .isEqualTo("the body is 104857600 bytes; at most 1048576 are accepted");
            // It does not wait for the other 100 MB: the connection is closed.
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void aBodyDeclaredOverTheLimitButSentAnywayIsReadAndDroppedAfterThe413SoTheConnectionIsNotReset()
            throws Exception {
        int length = (1 << 20) + 4096;
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(clean(response.body()).at("/problems/0/message").asText())
                    .isEqualTo("the body is 1052672 bytes; at most 1048576 are accepted");
            // The answer came first; the body the client goes on sending is still read, to its end, and then the
            // connection is closed, not reset.
            for (int sent = 0; sent < length; sent += 4096) {
                http.write(" ".repeat(4096));
            }
            assertThat(http.end()).isEqualTo("closed");
        }
    }

    @Test
    void aClientThatSendsItsWholeTooLargeBodyGetsThe413EveryTime() {
        String body = " ".repeat(1 << 20) + EXAMPLE;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = main.post("/v1/evaluate", "application/json", body);
            assertThat(response.statusCode()).as("try %d", i).isEqualTo(413);
            assertThat(response.body()).contains("\"request too large\"");
        }
    }

    @Test
    void aRefusedBodyIsReadToItsEndSoTheSameConnectionServesTheNextRequest() throws Exception {
        byte[] body = EXAMPLE.getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n");
            RawHttp.Response refused = http.read();
            assertThat(refused.status()).isEqualTo(415);
            assertThat(clean(refused.body()).at("/problems/0/message").asText())
                    .isEqualTo("the body must be sent as application/json, not 'text/plain'");
            http.write(body);
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").write(body);
            RawHttp.Response evaluated = http.read();
            assertThat(evaluated.status()).isEqualTo(200);
            assertThat(JSON.readTree(evaluated.body()).get("applicationId").asText())
                    .isEqualTo(JSON.readTree(EXAMPLE).get("id").asText());
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AtOnceAndItsRestIsReadOnlyUpToFourTimesTheLimit() throws Exception {
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            RawHttp.Response response = chunksPastTheLimit(http);
            assertThat(response.status()).isEqualTo(413);
            assertThat(clean(response.body()).at("/problems/0/message").asText())
                    .isEqualTo("the body is more than 1048576 bytes; at most 1048576 are accepted");
            // Past four times the limit the service stops reading and closes: a body that never ends costs no more.
            boolean refused = false;
            for (int i = 0; i < 200 && !refused; i++) {  // up to 12.5 MiB
                try {
                    http.chunk(PIECE);
                } catch (IOException e) {
                    refused = true;
                }
            }
            assertThat(refused || http.closedByServer()).isTrue();
        }
    }

    @Test
    void aChunkedBodyOverTheLimitThatEndsIsDrainedAndTheConnectionClosedNotReset() throws Exception {
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            assertThat(chunksPastTheLimit(http).status()).isEqualTo(413);
            for (int i = 0; i < 8; i++) {
                http.chunk(PIECE);
            }
            http.endChunks();
            assertThat(http.end()).isEqualTo("closed");
        }
    }

    private static final String PIECE = " ".repeat(64 * 1024);

    /** A chunked POST of 17 chunks of 64 KiB (1.06 MiB) and no last chunk yet, and the answer it gets meanwhile. */
    private static RawHttp.Response chunksPastTheLimit(RawHttp http) throws IOException {
        http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 17; i++) {
            http.chunk(PIECE);
        }
        return http.read();
    }

    @Test
    void aBodyOfAnotherTypeOrCharsetIs415() throws Exception {
        error(main.post("/v1/evaluate", "text/plain", EXAMPLE), 415, "unsupported media type");
        error(main.post("/v1/evaluate", "application/json; charset=iso-8859-1", EXAMPLE), 415,
                "unsupported media type");
        error(main.post("/v1/evaluate", null, EXAMPLE), 415, "unsupported media type");
        error(main.post("/v1/batch", "application/json", EXAMPLE), 415, "unsupported media type");
        assertThat(main.post("/v1/evaluate", "Application/JSON; charset=UTF-8", EXAMPLE).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownRouteIs404AndAMethodARouteDoesNotTake405() throws Exception {
        error(main.get("/v1/nosuch"), 404, "not found");
        error(main.get("/v2/evaluate"), 404, "not found");
        error(main.get("/v1/evaluate"), 405, "method not allowed");
        error(main.send(main.request("/v1/rules").DELETE().build()), 405, "method not allowed");
    }

    @Test
    void aCompressedBodyIsRefusedAsSuchNotReadAsAMalformedApplication() throws Exception {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(zipped)) {
            gzip.write(EXAMPLE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String route : List.of("/v1/evaluate", "/v1/batch")) {
            HttpResponse<String> r = main.send(main.request(route)
                    .header("Content-Type", route.endsWith("batch") ? "application/x-ndjson" : "application/json")
                    .header("Content-Encoding", "gzip")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray())).build());
            error(r, 415, "unsupported media type");
            assertThat(JSON.readTree(r.body()).at("/problems/0/message").asText()).as(route)
                    .isEqualTo("the body must be sent uncompressed, not with Content-Encoding 'gzip'");
            assertThat(r.headers().firstValue("Accept-Encoding")).hasValue("identity");
        }
        assertThat(main.post("/v1/evaluate", "application/json", EXAMPLE, "Content-Encoding", "identity").statusCode())
                .isEqualTo(200);
    }

    @Test
    void everyQueryParameterOutOfRangeIsNamedNotOnlyTheFirst() throws Exception {
        HttpResponse<String> r = main.post("/v1/evaluate?lang=fr&firedRules=maybe&at=yesterday", "application/json",
                EXAMPLE);
        error(r, 400, "invalid request");
        assertThat(JSON.readTree(r.body()).get("problems").findValuesAsText("message")).containsExactlyInAnyOrder(
                "the query parameter firedRules must be true or false, was 'maybe'",
                "the query parameter at must be an instant such as 2026-07-01T09:00:00Z, was 'yesterday'",
                "the query parameter lang must be zh or en, was 'fr'");
    }

    @Test
    void aMethodARouteDoesNotTakeIsAnsweredWithTheMethodsItTakes() throws Exception {
        // RFC 9110, 15.5.6: a 405 response names the methods the resource takes in Allow
        assertThat(main.get("/v1/evaluate").headers().firstValue("Allow")).hasValue("POST");
        assertThat(main.send(main.request("/v1/records").PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                .build()).headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
    }

    @Test
    void reloadNeedsTheAdminToken() throws Exception {
        HttpResponse<String> none = main.post("/v1/admin/reload", null, "");
        error(none, 401, "unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"policy\"");
        error(main.post("/v1/admin/reload", null, "", "Authorization", "Basic YWRtaW46YWRtaW4="), 401, "unauthorized");
        error(main.post("/v1/admin/reload", null, "", RunningService.bearer("admin-token-for-test")), 401,
                "unauthorized");
        error(main.post("/v1/admin/reload", null, "", RunningService.bearer(RunningService.SUBMIT_TOKEN)), 403,
                "forbidden");
        error(main.post("/v1/admin/reload", null, "", RunningService.bearer(RunningService.READ_RECORDS_TOKEN)),
                403, "forbidden");
        HttpResponse<String> ok = main.post("/v1/admin/reload", null, "",
                "Authorization", "bearer  " + RunningService.ADMIN_TOKEN + " ");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body()).get("outcome").asText()).isEqualTo("unchanged");
    }

    @Test
    void overTheConcurrencyLimitIs429WithRetryAfter() throws Exception {
        // A batch whose body is still arriving holds the one place; an evaluation meanwhile is refused at once.
        try (RawHttp batch = new RawHttp(limited.service().port(), 10_000)) {
            batch.write("POST /v1/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            batch.chunk(EXAMPLE.replace("\n", " ") + "\n");
            awaitPlaces(limited, 0);
            HttpResponse<String> refused = limited.post("/v1/evaluate", "application/json", EXAMPLE);
            error(refused, 429, "too many requests");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
            error(limited.post("/v1/batch", "application/x-ndjson", EXAMPLE.replace("\n", " ")), 429,
                    "too many requests");
            batch.endChunks();
            RawHttp.Response lines = batch.read();
            assertThat(lines.status()).isEqualTo(200);
            assertThat(lines.body().lines().toList()).hasSize(1).allMatch(l -> l.startsWith("{\"line\":1,"));
        }
        awaitPlaces(limited, 1);
        assertThat(limited.post("/v1/evaluate", "application/json", EXAMPLE).statusCode()).isEqualTo(200);
    }

    @Test
    void anEvaluationPastItsTimeLimitIs503WithRetryAfter() throws Exception {
        awaitPlaces(limited, 1);
        HttpResponse<String> slow = limited.post("/v1/evaluate", "application/json", heavyApplication());
        JsonNode error = error(slow, 503, "time limit exceeded");
        assertThat(error.at("/problems/0/message").asText()).isEqualTo("the evaluation took longer than its limit "
                + "of 30 ms");
        assertThat(slow.headers().firstValue("Retry-After")).hasValue("2");
        // The evaluation past its limit keeps its place until it really ends; then the service is free again.
        awaitPlaces(limited, 1);
    }

    @Test
    void aTricklingBodyIsAnswered408AtTheBodyTimeLimitThenItsConnectionIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(limited.service().port(), 5_000)) {
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n");
            long started = System.nanoTime();
            // One byte every 100 ms: never idle for long, so only the body's time limit (1 s) can end it.
            while (!http.answerWaiting() && System.nanoTime() - started < Duration.ofSeconds(8).toNanos()) {
                http.write(" ");
                Thread.sleep(100);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
            RawHttp.Response answer = http.read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Connection")).isEqualTo("close");
            JsonNode error = clean(answer.body());
            assertThat(error.get("error").asText()).isEqualTo("request timeout");
            assertThat(error.get("problems").findValuesAsText("message"))
                    .containsExactly("the body did not arrive whole within 1000 ms");
            // What it goes on sending is read and dropped for at most the body's time limit again, then it is closed.
            long answered = System.nanoTime();
            boolean closed = false;
            while (!closed && System.nanoTime() - answered < Duration.ofSeconds(8).toNanos()) {
                try {
                    http.write(" ");
                    Thread.sleep(100);
                } catch (IOException e) {
                    closed = true;
                }
                closed = closed || http.closedWaiting();
            }
            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThan(Duration.ofSeconds(5));
        }
        awaitPlaces(limited, 1);
        assertThat(limited.post("/v1/evaluate", "application/json", EXAMPLE).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408AtTheIdleTimeout() throws Exception {
        try (RawHttp http = new RawHttp(limited.service().port(), 6_000)) {
            long started = System.nanoTime();
            RawHttp.Response answer = http.write("POST /v1/evaluate HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\": ").read();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(5));
            assertThat(answer.status()).isEqualTo(408);
            assertThat(clean(answer.body()).get("problems").findValuesAsText("message"))
                    .containsExactly("the body did not arrive whole within 1000 ms");
            assertThat(http.closedByServer()).isTrue();
        }
        awaitPlaces(limited, 1);
    }

    @Test
    void aSilentConnectionIsClosedAtTheIdleTimeout() throws Exception {
        try (RawHttp http = new RawHttp(limited.service().port(), 6_000)) {
            long started = System.nanoTime();
            http.write("POST /v1/evaluate HTTP/1.1\r\nHost: local");
            assertThat(http.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void requestsTheServerRefusesBeforeAnyRouteAreTheErrorDocumentToo() throws Exception {
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            RawHttp.Response response = http.write("GARBAGE\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(clean(response.body()).get("error").asText()).isEqualTo("invalid request");
        }
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            RawHttp.Response response = http.write("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "x".repeat(64 * 1024) + "\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(431);
            assertThat(clean(response.body()).get("error").asText()).isEqualTo("request too large");
        }
        try (RawHttp http = new RawHttp(main.service().port(), 10_000)) {
            RawHttp.Response response = http.write("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(400);
            clean(response.body());
        }
    }

    @Test
    void noAnswerCarriesAStackTraceOrAnInternalName() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        answers.add(main.post("/v1/evaluate", "application/json", "{\"id\": 1e99999999999}"));
        answers.add(main.post("/v1/evaluate", "application/json", "[" .repeat(5000)));
        answers.add(main.post("/v1/evaluate", "application/json", "\u0000\uFFFF"));
        answers.add(main.post("/v1/evaluate", "application/json", "{\"id\": \"\\u001B[31m\"}"));
        answers.add(main.post("/v1/evaluate?at=%00", "application/json", EXAMPLE));
        answers.add(main.post("/v1/evaluate?firedRules=maybe", "application/json", EXAMPLE));
        answers.add(main.post("/v1/batch?at=never", "application/x-ndjson", "x"));
        answers.add(main.post("/v1/batch", "application/x-ndjson", "{\n[\n\"\n" + "9".repeat(200) + "\n"));
        answers.add(main.post("/v1/admin/reload", "application/json", "{}", RunningService.bearer("\u00e9\u00e9")));
        answers.add(main.get("/v1/schemas/nosuch"));
        answers.add(main.get("/health/ready?x=" + "y".repeat(2000)));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.body()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(".java:")
                    .doesNotContain("io.javalin").doesNotContain("org.eclipse");
            if (answer.statusCode() >= 400) {
                assertThat(SchemaValidator.decisionErrors(answer.body())).as(answer.body()).isEmpty();
            }
        }
        // Batch lines are the contract's lines, errors included.
        String batch = answers.get(7).body();
        assertThat(batch.lines().toList()).hasSize(4).allSatisfy(l -> assertThat(SchemaValidator.decisionErrors(l))
                .isEmpty());
    }

    private static JsonNode error(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode document = clean(response.body());
        assertThat(document.get("error").asText()).isEqualTo(error);
        return document;
    }

    /** The error document of the contract, and nothing of the server's insides. */
    private static JsonNode clean(String body) throws Exception {
        assertThat(body).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(".java:")
                .doesNotContain("<html");
        assertThat(SchemaValidator.decisionErrors(body)).as(body).isEmpty();
        JsonNode document = JSON.readTree(body);
        assertThat(document.get("problems")).isNotEmpty();
        return document;
    }

    /** Waits until the service has {@code places} free places for evaluations. */
    static void awaitPlaces(RunningService running, int places) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (running.service().evaluations().available() != places) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service still has " + running.service().evaluations().available()
                        + " free places, not " + places);
            }
            Thread.sleep(5);
        }
    }

    /** An application of 990 products: valid, and far slower to evaluate than 30 ms. */
    static String heavyApplication() {
        StringBuilder json = new StringBuilder("{\"id\": \"HEAVY\", \"applicationDate\": \"2026-03-01\", "
                + "\"enterprise\": {\"id\": \"E1\", \"name\": \"E\", \"locatedInDistrict\": true, "
                + "\"embodiedAiField\": true}, \"products\": [");
        for (int i = 0; i < 900; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"id\": \"P").append(i).append("\", \"name\": \"joint ").append(i)
                    .append("\", \"category\": \"INTEGRATED_JOINT\", \"rndInvestment\": \"").append(1_000_000 + i)
                    .append("\", \"ownIp\": true, \"marketSales\": true}");
        }
        // And the most work 从优 can have: 20 purchases under 3.1's binding per-enterprise cap, each with an award of
        // the same amount under another policy, so that nearly every one of the 2^20 choices is compared.
        json.append("], \"purchases\": [");
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"id\": \"Q").append(i).append("\", \"product\": \"robot\", ")
                    .append("\"supplier\": \"S\", \"supplierAffiliated\": false, \"appliedInRealScenario\": true, ")
                    .append("\"demonstrationEffect\": true, \"amount\": \"1000000\"}");
        }
        json.append("], \"otherAwards\": [");
        for (int i = 0; i < 20; i++) {
            json.append(i == 0 ? "" : ", ").append("{\"id\": \"O").append(i).append("\", \"policy\": \"municipal\", ")
                    .append("\"level\": \"MUNICIPAL\", \"subject\": \"Q").append(i).append("\", \"amount\": \"200000\"}");
        }
        return json.append("]}").toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
