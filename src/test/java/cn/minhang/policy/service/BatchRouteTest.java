package cn.minhang.policy.service;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.cli.PolicyCli;
import cn.minhang.policy.io.SchemaValidator;
import cn.minhang.policy.population.PopulationGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/batch on a running service: the lines of ./policy batch, in input order, streamed. */
class BatchRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2026-07-01T09:00:00Z";
    private static RunningService running;
    private static List<String> population;

    @BeforeAll
    static void start() throws Exception {
        running = RunningService.shared();
        StringWriter generated = new StringWriter();
        PopulationGenerator.writeJsonl(20260301L, 300, generated);
        population = new ArrayList<>(generated.toString().lines().toList());
    }

    @Test
    void itAnswersTheSameLinesAsPolicyBatchInInputOrder(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(population);
        lines.add(3, "{\"id\": \"BROKEN-1\", \"applicationDate\": \"2026-01-01\", \"colour\": \"red\"}");
        lines.add(7, "");
        lines.add(120, "{\"id\": \"BROKEN-2\", ");
        lines.add(200, "{\"id\": \"" + "x".repeat(1 << 20) + "\"}");  // over 1 MiB: skipped to its line break
        Path input = dir.resolve("in.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);

        HttpResponse<String> response = running.send(running.request("/v1/batch?at=" + AT,
                "Content-Type", "application/x-ndjson").POST(java.net.http.HttpRequest.BodyPublishers.ofFile(input))
                .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson;charset=utf-8");
        String version = response.headers().firstValue(Http.RULES_VERSION_HEADER).orElseThrow();

        Path out = dir.resolve("out.jsonl");
        int code = PolicyCli.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), "batch",
                input.toString(), "-o", out.toString(), "--at", AT, "--rules", "rules");
        assertThat(code).isEqualTo(2);  // invalid lines
        List<String> cli = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> http = response.body().lines().toList();
        assertThat(http).hasSize(lines.size());
        assertThat(http).isEqualTo(cli);

        for (int i = 0; i < http.size(); i++) {
            JsonNode line = JSON.readTree(http.get(i));
            assertThat(line.get("line").asInt()).isEqualTo(i + 1);
            if (line.has("rulesVersion")) {
                assertThat(line.get("rulesVersion").asText()).isEqualTo(version);
            }
        }
        assertThat(JSON.readTree(http.get(3)).get("error").asText()).isEqualTo("invalid application");
        assertThat(JSON.readTree(http.get(200)).at("/problems/0/message").asText())
                .startsWith("the line has 1048586 characters");
        assertThat(http.subList(0, 20)).allSatisfy(l -> assertThat(SchemaValidator.decisionErrors(l)).isEmpty());
    }

    @Test
    void theFirstDecisionsLeaveBeforeTheInputHasEnded() throws Exception {
        try (RawHttp http = new RawHttp(running.service().port(), 60_000)) {
            http.write("POST /v1/batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            for (String line : population.subList(0, 100)) {
                http.chunk(line + "\n");
            }
            RawHttp.Response head = http.head();
            assertThat(head.status()).isEqualTo(200);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.UTF_8).contains("\n")) {
                body.write(http.nextChunk());
            }
            // Line 1 has come back while 200 lines are still to be sent.
            assertThat(body.toString(StandardCharsets.UTF_8)).startsWith("{\"line\":1,\"applicationId\":\"APP-0000001\"");
            for (String line : population.subList(100, 300)) {
                http.chunk(line + "\n");
            }
            http.endChunks();
            byte[] chunk;
            while ((chunk = http.nextChunk()) != null) {
                body.write(chunk);
            }
            List<String> out = body.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(out).hasSize(300);
            for (int i = 0; i < out.size(); i++) {
                assertThat(JSON.readTree(out.get(i)).get("line").asInt()).isEqualTo(i + 1);
                assertThat(JSON.readTree(out.get(i)).get("applicationId").asText())
                        .isEqualTo(JSON.readTree(population.get(i)).get("id").asText());
            }
        }
    }
}
