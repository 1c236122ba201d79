package cn.minhang.policy.service;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.SchemaValidator;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /v1/evaluate on a running service: the decision document of the JSON contract, and its errors. */
class EvaluateRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService running;

    @BeforeAll
    static void start() {
        running = RunningService.shared();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void theJointModuleMakerGetsTheDecisionDocumentOfTheCommandLine() throws Exception {
        String body = Files.readString(Path.of("examples/joint-module-maker.json"));
        HttpResponse<String> response = running.post("/v1/evaluate", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode decision = JSON.readTree(response.body());
        assertThat(decision.get("total").asText()).isEqualTo("10400000.00");
        assertThat(decision.get("lines").get(0).get("explanation").get("zh").asText()).startsWith("第1条第1款");
        assertThat(SchemaValidator.decisionErrors(response.body())).isEmpty();
        String version = decision.get("rulesVersion").asText();
        assertThat(response.headers().firstValue(Http.RULES_VERSION_HEADER)).hasValue(version);

        // The same document as the library's, apart from the time of evaluation.
        Application application = ApplicationReader.fromJson(body);
        ObjectNode expected = DecisionJson.toTree(application, PolicyEngine.fromDirectory(Path.of("rules"))
                .evaluate(application), Instant.parse(decision.get("audit").get("evaluatedAt").asText()));
        assertThat(response.body()).isEqualTo(DecisionJson.pretty(expected) + "\n");
    }

    @Test
    void anInvalidApplicationGetsEveryProblemWithItsPath() throws Exception {
        String body = "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\", \"products\": [{\"id\": \"P1\", "
                + "\"colour\": \"red\"}]}";
        HttpResponse<String> response = running.post("/v1/evaluate", "application/json", body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid application");
        assertThat(error.get("problems").findValuesAsText("path"))
                .contains("$.enterprise", "$.products[0].colour", "$.products[0].name");
        assertThat(SchemaValidator.decisionErrors(response.body())).isEmpty();
    }

    @Test
    void healthSaysLiveAndReadyWithTheRulesVersion() throws Exception {
        assertThat(running.get("/health/live").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = running.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).get("rulesVersion").asText())
                .isEqualTo(running.service().rules().version());
    }
}
