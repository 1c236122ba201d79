package cn.minhang.policy.service;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.minhang.policy.io.ApplicationSchema;
import cn.minhang.policy.io.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes that say what the service serves (rules, schemas, metrics), the readable breakdown and the fired
 * rules of an evaluation, and what the access log keeps (never a body or a token).
 */
class InfoRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService running;

    @BeforeAll
    static void start() {
        running = RunningService.shared();
    }

    @Test
    void theRulesInfoNamesTheVersionValidityClausesWithTheirRulesAndEveryReading() throws Exception {
        HttpResponse<String> r = running.get("/v1/rules");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode info = JSON.readTree(r.body());
        assertThat(info.get("rulesVersion").asText()).isEqualTo(running.service().rules().version());
        assertThat(info.at("/validity/from").asText()).isEqualTo("2025-01-01");
        assertThat(info.at("/validity/to").asText()).isEqualTo("2027-12-31");
        assertThat(info.get("files")).hasSize(16);
        assertThat(info.get("clauses").findValuesAsText("clause")).startsWith("general", "1.1", "1.2", "2.1")
                .contains("13.2", "14", "closing");
        JsonNode c11 = info.get("clauses").get(1);
        assertThat(c11.get("labelZh").asText()).isEqualTo("第1条第1款");
        assertThat(c11.at("/rules/0/name").asText()).isEqualTo("1.1 A core-component product with own IP and "
                + "market sales gets 30% of its R&D investment, at most 3,000,000");
        assertThat(c11.at("/rules/0/file").asText()).isEqualTo("m01-core-components.drl");
        assertThat(c11.at("/rules/0/line").asInt()).isEqualTo(10);
        assertThat(info.get("readings").findValuesAsText("rule"))
                .contains("Closing: the policy is in force from 2025-01-01 to 2027-12-31");
        assertThat(info.get("readings").findValuesAsText("zh")).anyMatch(zh -> zh.contains("2025年1月1日"));
    }

    @Test
    void theSchemasAreTheCommittedFiles() throws Exception {
        HttpResponse<String> application = running.get("/v1/schemas/application");
        assertThat(application.statusCode()).isEqualTo(200);
        assertThat(application.headers().firstValue("Content-Type")).hasValue("application/schema+json;charset=utf-8");
        assertThat(application.body()).isEqualTo(Files.readString(SchemaValidator.FILE)).isEqualTo(ApplicationSchema.text());
        assertThat(running.get("/v1/schemas/decision").body()).isEqualTo(Files.readString(SchemaValidator.DECISION_FILE));
    }

    @Test
    void theReadableBreakdownComesInTheLanguageAskedForAndTheFiredRulesOnRequest() throws Exception {
        String body = Files.readString(Path.of("examples/joint-module-maker.json"));
        HttpResponse<String> en = running.send(running.request("/v1/evaluate?lang=en", "Accept", "text/plain",
                "Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.headers().firstValue("Content-Language")).hasValue("en");
        assertThat(en.body()).contains("Clause 1.1: R&D investment 8,000,000.00 yuan × 30% = 2,400,000.00 yuan")
                .contains("10,400,000.00");
        HttpResponse<String> zh = running.send(running.request("/v1/evaluate", "Accept", "text/plain",
                "Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(zh.body()).contains("第1条第1款：研发投入 8,000,000.00 元 × 30% = 2,400,000.00 元");

        JsonNode plain = JSON.readTree(running.post("/v1/evaluate", "application/json", body).body());
        assertThat(plain.has("firedRules")).isFalse();
        HttpResponse<String> fired = running.post("/v1/evaluate?firedRules=true", "application/json", body);
        JsonNode decision = JSON.readTree(fired.body());
        assertThat(decision.get("firedRules")).isNotEmpty().allMatch(JsonNode::isTextual);
        assertThat(decision.get("firedRules").toString())
                .contains("1.1 A core-component product with own IP and market sales gets 30% of its R&D investment")
                .contains("Closing: the policy is in force from 2025-01-01 to 2027-12-31");
        assertThat(SchemaValidator.decisionErrors(fired.body())).isEmpty();
        // Asking for the fired rules changes nothing else.
        assertThat(decision.get("lines")).isEqualTo(plain.get("lines"));
    }

    @Test
    void theMetricsCountRequestsByRouteAndStatusAndDecisionsByOutcome() throws Exception {
        running.post("/v1/evaluate", "application/json", Files.readString(Path.of("examples/robot-buyer.json")));
        running.post("/v1/evaluate", "application/json", "{}");
        running.get("/v1/nosuch");
        HttpResponse<String> r = running.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String metrics = r.body();
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",route=\"/v1/evaluate\","
                        + "status=\"200\"} [1-9]")
                .containsPattern("http_server_requests_seconds_bucket\\{method=\"POST\",route=\"/v1/evaluate\","
                        + "status=\"400\",le=\"[0-9.]+\"}")
                .contains("route=\"(no route)\",status=\"404\"")
                .containsPattern("policy_decisions_total\\{outcome=\"granted\"} [1-9]")
                .containsPattern("policy_decisions_total\\{outcome=\"invalid\"} [1-9]")
                .containsPattern("policy_decision_lines_total\\{status=\"GRANTED\"} [1-9]")
                .contains("policy_reloads_total{outcome=\"refused\"}")
                .contains("policy_rules_info{version=\"" + running.service().rules().version() + "\"} 1")
                .contains("policy_evaluations_in_flight")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theAccessLogKeepsRouteStatusTimeAndClientButNeverABodyOrAToken() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = log.getLevel();
        log.setLevel(Level.INFO);
        log.addAppender(lines);
        try {
            String secret = "E-SECRET-ENTERPRISE";
            String body = Files.readString(Path.of("examples/robot-buyer.json")).replace("E-YUANHANG", secret);
            running.post("/v1/evaluate?at=2026-07-01T09:00:00Z", "application/json", body);
            running.post("/v1/admin/reload", null, "", RunningService.bearer(RunningService.ADMIN_TOKEN));
            running.post("/v1/admin/reload", null, "", RunningService.bearer("wrong-token-" + secret));
            running.get("/v1/nosuch/" + secret + "?token=" + secret);
        } finally {
            log.detachAppender(lines);
            log.setLevel(level);
        }
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0)).matches("POST /v1/evaluate 200 [0-9.]+ms client=127\\.0\\.0\\.1");
        assertThat(messages.get(1)).matches("POST /v1/admin/reload 200 [0-9.]+ms client=127\\.0\\.0\\.1");
        assertThat(messages.get(2)).matches("POST /v1/admin/reload 401 [0-9.]+ms client=127\\.0\\.0\\.1");
        assertThat(messages.get(3)).startsWith("GET (no route) '/v1/nosuch/");
        assertThat(String.join("\n", messages)).doesNotContain(RunningService.ADMIN_TOKEN).doesNotContain("token=")
                .doesNotContain("2026-07-01").doesNotContain("Bearer");
        assertThat(messages.subList(0, 3)).allSatisfy(m -> assertThat(m).doesNotContain("SECRET"));
    }
}
