package cn.minhang.policy.service;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v1/admin/reload on a running service whose rules an analyst edits: through RulesManager's gate, refused
 * with every problem while the previous rules keep serving, swapped when the rules compile and pass every case,
 * unchanged when the files are those serving; and the rules info, readiness and metrics follow.
 */
class ReloadRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ADMIN = RunningService.bearer(RunningService.ADMIN_TOKEN);
    private static final String RULE_11 = "1.1 A core-component product with own IP and market sales gets 30% of its "
            + "R&D investment, at most 3,000,000";
    private static ServiceRules files;
    private static RunningService running;
    private static String original;

    @BeforeAll
    static void start() {
        files = new ServiceRules();
        running = RunningService.start(files.rules, files.specs, b -> b, true);
        original = running.service().rules().version();
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @BeforeEach
    void rulesPaying30Percent() {
        files.writeGood(30);
        files.delete("m02-broken.drl");
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(running.service().rules().version()).isEqualTo(original);
    }

    @Test
    void aReloadOfTheFilesServingIsUnchanged() throws Exception {
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("unchanged");
        assertThat(outcome.get("rulesVersion").asText()).isEqualTo(original);
        assertThat(r.headers().firstValue(Http.RULES_VERSION_HEADER)).hasValue(original);
    }

    @Test
    void rulesThatFailASpecCaseAreRefusedWithTheCaseAndThePreviousRulesKeepServing() throws Exception {
        files.writeRulesOnly(35);
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("refused");
        assertThat(outcome.get("rulesVersion").asText()).isEqualTo(original);
        assertThat(outcome.get("refusedVersion").asText()).startsWith("sha256:").isNotEqualTo(original);
        assertThat(outcome.get("problems")).isEmpty();
        assertThat(outcome.get("failingCases")).hasSize(1);
        assertThat(outcome.get("failingCases").get(0).asText()).contains("probe.yaml")
                .contains("1.1 R&D of 8,000,000 gets 2400000.00").contains("2800000.00");
        assertGrants("2400000.00", original);
    }

    @Test
    void rulesThatDoNotCompileAreRefusedWithEveryFileAndLine() throws Exception {
        files.write("m02-broken.drl", "package cn.minhang.policy.rules;\n\nrule \"2.1 broken\" @clause(\"2.1\")\n"
                + "when\n    OpenCallProject( colour == \"red\" )\nthen\nend\n");
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("refused");
        assertThat(outcome.get("problems").findValuesAsText("file")).contains("m02-broken.drl");
        assertThat(outcome.get("problems").get(0).get("line").asInt()).isEqualTo(5);
        assertThat(outcome.get("problems").get(0).get("message").asText()).contains("colour");
        assertGrants("2400000.00", original);
        assertThat(JSON.readTree(running.get("/health/ready").body()).get("rulesVersion").asText())
                .isEqualTo(original);
    }

    @Test
    void aRateOrCapTheEngineCannotReadIsRefusedAtItsFileAndLineAndThePreviousRulesKeepServing() throws Exception {
        String m01 = files.rules.resolve(ServiceRules.M01).toString();
        String text = java.nio.file.Files.readString(java.nio.file.Path.of(m01))
                .replace("\"30%\", \"3,000,000\"", "\"3O%\", \"-3,000,000\"");
        files.write(ServiceRules.M01, text);
        int line = (int) text.substring(0, text.indexOf("\"3O%\"")).lines().count();
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("refused");
        assertThat(outcome.get("problems")).hasSize(2);
        for (JsonNode problem : outcome.get("problems")) {
            assertThat(problem.get("file").asText()).isEqualTo(ServiceRules.M01);
            assertThat(problem.get("line").asInt()).isEqualTo(line);
        }
        assertThat(outcome.get("problems").findValuesAsText("message")).containsExactlyInAnyOrder(
                "Claim.rate: the rate \"3O%\" is not a percentage such as \"30%\"",
                "Claim.rate: the cap \"-3,000,000\" must not be negative");
        assertThat(r.body()).doesNotContain("java.", "Exception");
        assertGrants("2400000.00", original);
    }

    @Test
    void aRuleThatFailsOnASpecCaseIsRefusedNamingTheRuleAndWhyWithoutAClassName() throws Exception {
        files.write(ServiceRules.M01, java.nio.file.Files.readString(files.rules.resolve(ServiceRules.M01))
                .replace("$p.rndInvestment(), \"30%\"", "null, \"30%\""));
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("failingCases")).hasSize(1);
        assertThat(outcome.get("failingCases").get(0).asText()).contains("probe.yaml")
                .contains("evaluation failed: the rule \"" + RULE_11 + "\" failed: rule '"
                        + RULE_11 + "' computed from a missing amount");
        assertThat(r.body()).doesNotContain("java.", "Exception");
        assertGrants("2400000.00", original);
    }

    @Test
    void rulesThatPassTheGateAreSwappedInAndEverythingNamesThem() throws Exception {
        files.writeGood(35);
        HttpResponse<String> r = reload();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode outcome = JSON.readTree(r.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("swapped");
        assertThat(outcome.get("previousVersion").asText()).isEqualTo(original);
        String swapped = outcome.get("rulesVersion").asText();
        assertThat(swapped).isNotEqualTo(original);

        assertGrants("2800000.00", swapped);
        assertThat(JSON.readTree(running.get("/v1/rules").body()).get("rulesVersion").asText()).isEqualTo(swapped);
        assertThat(JSON.readTree(running.get("/health/ready").body()).get("rulesVersion").asText()).isEqualTo(swapped);
        String metrics = running.get("/metrics").body();
        assertThat(metrics).contains("policy_rules_info{version=\"" + swapped + "\"} 1")
                .doesNotContain("policy_rules_info{version=\"" + original + "\"}")
                .containsPattern("policy_reloads_total\\{outcome=\"swapped\"} [1-9]");
    }

    /** Clause 1.1 grants {@code amount} on the probe application, by the rules {@code version}. */
    private static void assertGrants(String amount, String version) throws Exception {
        HttpResponse<String> r = running.post("/v1/evaluate", "application/json", ServiceRules.APPLICATION);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode decision = JSON.readTree(r.body());
        assertThat(decision.get("total").asText()).isEqualTo(amount);
        assertThat(decision.get("rulesVersion").asText()).isEqualTo(version);
        assertThat(decision.at("/audit/rulesVersion").asText()).isEqualTo(version);
    }

    private static HttpResponse<String> reload() {
        return running.post("/v1/admin/reload", null, "", ADMIN);
    }
}
