package cn.minhang.policy.cli;

import java.nio.file.Path;

import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.EngineVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void printsAnAlignedBreakdownWithTheExplanationUnderEachLineTotalsAndReadings() throws Exception {
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("申请 A1  示例关节科技有限公司 (E1)  申请日期 2026-03-01")
                .contains("条款  事项  结果          金额（元）")
                .contains("1.1   P1    不重复支持          0.00\n    第1条第1款：研发投入 8,000,000.00 元 × 30% = 2,400,000.00 元")
                .contains("1.1   P2    按上限给予  3,000,000.00\n    第1条第1款：研发投入 15,000,000.00 元 × 30% = 4,500,000.00 元，"
                        + "超过单款产品上限 3,000,000.00 元，按上限计 3,000,000.00 元，给予 3,000,000.00 元")
                .contains("1.2   C1    按上限给予  5,000,000.00")
                .contains("给予合计            8,000,000.00\n  第1条第1款 (1.1)  3,000,000.00\n  第1条第2款 (1.2)  5,000,000.00")
                .contains("所依据的默认解读：")
                .contains("征求意见稿未写明施行和截止的月日");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void whatReviewCanStillSetIsWithinTheReferrersThirtyMillionInAll() throws Exception {
        // 第10条第2款 “给予引荐方上限3000万元”: two referrals still to be reviewed share one referrer's 30,000,000.
        Path file = Fixtures.write(dir, "r.json", """
                {"id": "R-1", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "E1", "name": "示例产业运营有限公司", "locatedInDistrict": true, "embodiedAiField": true},
                 "operationPlatform": {"functions": ["INVESTMENT_ATTRACTION"], "certifiedPartner": true},
                 "referrals": [
                   {"id": "R1", "project": "整机制造基地", "landed": true, "fitsIndustrialPositioning": true},
                   {"id": "R2", "project": "灵巧手研发中心", "landed": true, "fitsIndustrialPositioning": true},
                   {"id": "R3", "project": "传感器项目", "landed": true, "fitsIndustrialPositioning": true,
                    "requested": "12000000"}]}
                """);
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("10.2  R1    经评审确定  最高 18,000,000.00\n    第10条第2款：最高不超过 18,000,000.00 元"
                        + "（单个引荐方合计上限 30,000,000.00 元，本条已给予 12,000,000.00 元，尚余 18,000,000.00 元；"
                        + "与其余 1 项待评审事项共用单个引荐方合计上限，合计最高 18,000,000.00 元）")
                .contains("10.2  R2    经评审确定  最高 18,000,000.00")
                .containsPattern("给予合计 +12,000,000\\.00\n")
                .containsPattern("另经评审确定，最高 +18,000,000\\.00\n");
    }

    @Test
    void speaksEnglishWhenAsked() throws Exception {
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", "--lang", "en", file.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("Clause  Subject  Outcome   Amount (yuan)")
                .contains("1.1     P2       capped     3,000,000.00\n    Clause 1.1: R&D investment 15,000,000.00 yuan")
                .contains("Granted in all  8,000,000.00\n  Clause 1.1    3,000,000.00\n  Clause 1.2    5,000,000.00")
                .contains("Default readings of the text applied:");
    }

    @Test
    void printsTheJsonContractWithAnAudit() throws Exception {
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", "--json", "--at", "2026-05-01T08:30:00Z", file.toString());
        assertThat(r.code()).isEqualTo(0);
        JsonNode d = JSON.readTree(r.out());
        assertThat(d.path("total").asText()).isEqualTo("8000000.00");
        assertThat(d.path("totalsByClause").toString()).isEqualTo("{\"1.1\":\"3000000.00\",\"1.2\":\"5000000.00\"}");
        JsonNode p1 = d.path("lines").get(0);
        assertThat(p1.path("clause").asText()).isEqualTo("1.1");
        assertThat(p1.path("subject").asText()).isEqualTo("P1");
        assertThat(p1.path("status").asText()).isEqualTo("EXCLUDED");
        assertThat(p1.path("amount").asText()).isEqualTo("0.00");
        assertThat(p1.path("base").asText()).isEqualTo("8000000.00");
        assertThat(p1.path("rate").asText()).isEqualTo("0.30");
        assertThat(p1.path("computed").asText()).isEqualTo("2400000.00");
        assertThat(p1.path("cap").asText()).isEqualTo("3000000.00");
        assertThat(p1.path("excludedBy").path("otherAward").asText()).isEqualTo("O1");
        assertThat(p1.path("excludedBy").path("amount").asText()).isEqualTo("2800000.00");
        assertThat(p1.path("rules").get(0).asText()).startsWith("1.1 ");
        assertThat(p1.path("explanation").path("zh").asText()).contains("已获其他政策“上海市产业高质量发展专项资金”（市级）较高支持 2,800,000.00 元");
        assertThat(p1.path("explanation").path("en").asText()).contains("gets the higher 2,800,000.00 yuan under another policy");
        JsonNode c1 = d.path("lines").get(2);
        assertThat(c1.path("status").asText()).isEqualTo("CAPPED");
        assertThat(c1.path("readings").get(0).path("en").asText()).contains("5,000,000 a year");
        assertThat(d.path("measuresNotApplicable").toString()).isEqualTo("[2,3,4,5,6,7,8,9,10,11,12,13,14]");
        assertThat(d.path("forgone").isArray()).isTrue();
        assertThat(d.path("validity").toString()).isEqualTo("{\"from\":\"2025-01-01\",\"to\":\"2027-12-31\"}");
        assertThat(d.path("rulesVersion").asText()).matches("sha256:[0-9a-f]{16}");
        assertThat(d.path("readings").findValuesAsText("rule")).contains("Closing: the policy is in force from 2025-01-01 to 2027-12-31");
        JsonNode audit = d.path("audit");
        assertThat(audit.path("inputSha256").asText()).isEqualTo(ApplicationJson.sha256(ApplicationReader.fromJson(Fixtures.APPLICATION)));
        assertThat(audit.path("rulesVersion").asText()).isEqualTo(d.path("rulesVersion").asText());
        assertThat(audit.path("engineVersion").asText()).isEqualTo(EngineVersion.get()).isEqualTo(PomVersion.get());
        assertThat(audit.path("evaluatedAt").asText()).isEqualTo("2026-05-01T08:30:00.000Z");
        assertThat(audit.path("validity")).isEqualTo(d.path("validity"));
    }

    @Test
    void theSameInputOnTheSameRulesGivesTheSameBytesApartFromTheEvaluationTime() throws Exception {
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Path reordered = Fixtures.write(dir, "b.yaml", """
                otherAwards: [{id: O1, policy: 上海市产业高质量发展专项资金, level: MUNICIPAL, subject: P1, amount: 2800000.00}]
                computeExpenses: [{id: C1, year: 2026, actualCost: "20000000.00", majorInnovation: true}]
                products:
                  - {id: P1, name: 一体化关节模组, category: INTEGRATED_JOINT, rndInvestment: 8000000, ownIp: true, marketSales: true}
                  - {id: P2, name: 伺服系统, category: SERVO_SYSTEM, rndInvestment: 15000000, ownIp: true, marketSales: true}
                enterprise: {id: E1, name: 示例关节科技有限公司, locatedInDistrict: true, embodiedAiField: true, fundFocusAreas: []}
                applicationDate: "2026-03-01"
                id: A1
                """);
        String first = Cli.run("evaluate", "--json", "--at", "2026-05-01T08:30:00Z", file.toString()).out();
        String second = Cli.run("evaluate", "--json", "--at", "2026-05-01T08:30:00Z", file.toString()).out();
        String copy = Cli.run("evaluate", "--json", "--at", "2026-05-01T08:30:00Z",
                "--rules", Fixtures.copyOfRules(dir.resolve("rules")).toString(), reordered.toString()).out();
        String later = Cli.run("evaluate", "--json", "--at", "2027-01-02T00:00:00Z", file.toString()).out();
        assertThat(first).isNotEmpty().isEqualTo(second).isEqualTo(copy);
        assertThat(later).isNotEqualTo(first)
                .isEqualTo(first.replace("\"evaluatedAt\": \"2026-05-01T08:30:00.000Z\"",
                        "\"evaluatedAt\": \"2027-01-02T00:00:00.000Z\""));
    }

    @Test
    void severalFilesGiveAnArrayInArgumentOrder() throws Exception {
        Path a = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Path b = Fixtures.write(dir, "b.json", Fixtures.APPLICATION.replace("\"A1\"", "\"A2\""));
        JsonNode d = JSON.readTree(Cli.run("evaluate", "--json", b.toString(), a.toString()).out());
        assertThat(d.findValuesAsText("applicationId")).containsExactly("A2", "A1");
    }

    @Test
    void moreAlternativesUnderABindingCapThanTheLimitAreInvalidInputWithThePathBeyondIt() throws Exception {
        StringBuilder purchases = new StringBuilder();
        StringBuilder awards = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            String id = String.format("Q%02d", i);
            purchases.append(i == 1 ? "" : ",").append("{\"id\": \"").append(id).append("\", \"product\": \"巡检机器人\", "
                    + "\"supplier\": \"甲\", \"appliedInRealScenario\": true, \"demonstrationEffect\": true, \"amount\": \"6000000\"}");
            awards.append(i == 1 ? "" : ",").append("{\"id\": \"O").append(i).append("\", \"policy\": \"市级\", "
                    + "\"level\": \"MUNICIPAL\", \"subject\": \"").append(id).append("\", \"amount\": \"1000000\"}");
        }
        Path file = Fixtures.write(dir, "many.json", "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\", "
                + "\"enterprise\": {\"id\": \"E1\", \"name\": \"示例\", \"locatedInDistrict\": true, \"embodiedAiField\": true}, "
                + "\"purchases\": [" + purchases + "], \"otherAwards\": [" + awards + "]}");
        Cli.Result r = Cli.run("evaluate", "--json", file.toString());
        assertThat(r.code()).isEqualTo(2);
        JsonNode error = JSON.readTree(r.out());
        assertThat(error.path("error").asText()).isEqualTo("invalid application");
        assertThat(error.path("problems").get(0).path("path").asText()).isEqualTo("$.purchases[20].id");
        assertThat(r.err()).contains(file + ": $.purchases[20].id: competes under an aggregate cap that binds");
    }

    @Test
    void aMalformedFileIsInvalidInputWithItsPositionAndNoBreakdown() throws Exception {
        Path file = Fixtures.write(dir, "bad.json", "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\",\n");
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ": $: malformed JSON at line 2, column 1");
    }

    @Test
    void anUnknownFieldIsInvalidInputWithItsPath() throws Exception {
        Path file = Fixtures.write(dir, "bad.json", Fixtures.APPLICATION.replace("\"ownIp\": true, \"marketSales\": true}],",
                "\"ownIp\": true, \"marketSales\": true, \"colour\": \"red\"}],"));
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ": $.products[1].colour: is not a field of ProductRnd");
    }

    @Test
    void aNegativeAmountIsInvalidInputWithItsPath() throws Exception {
        Path file = Fixtures.write(dir, "bad.json", Fixtures.APPLICATION.replace("\"actualCost\": \"20000000\"",
                "\"actualCost\": \"-20000000\""));
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ": $.computeExpenses[0].actualCost: must not be negative, was -20000000");
    }

    @Test
    void aMissingEnterpriseIsInvalidInputWithItsPath() throws Exception {
        Path file = Fixtures.write(dir, "bad.json", "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\"}");
        Cli.Result r = Cli.run("evaluate", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ": $.enterprise: is required");
    }

    @Test
    void withJsonTheErrorDocumentListsEveryProblemOfEveryFileAndNothingIsEvaluated() throws Exception {
        Path good = Fixtures.write(dir, "good.json", Fixtures.APPLICATION);
        Path bad = Fixtures.write(dir, "bad.json", "{\"id\": \"A1\", \"applicationDate\": \"2026-3-1\", \"x\": 1}");
        Cli.Result r = Cli.run("evaluate", "--json", good.toString(), bad.toString(), dir.resolve("missing.json").toString());
        assertThat(r.code()).isEqualTo(2);
        JsonNode d = JSON.readTree(r.out());
        assertThat(d.path("error").asText()).isEqualTo("invalid application");
        assertThat(d.path("problems")).hasSize(4);
        assertThat(d.path("problems").findValuesAsText("path"))
                .containsExactly("$.x", "$.applicationDate", "$.enterprise", "$");
        assertThat(d.path("problems").findValuesAsText("file")).containsOnly(bad.toString(),
                dir.resolve("missing.json").toString());
        assertThat(d.path("problems").get(3).path("message").asText()).isEqualTo("no such file");
        assertThat(r.out()).doesNotContain("\"total\"");
    }

    @Test
    void rulesThatDoNotCompileExitWith3AndSayWhere() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "m01-core-components.drl", "ownIp == true", "ownIp === true");
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", "--rules", rules.toString(), file.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("error: the rules do not compile").containsPattern("m01-core-components\\.drl:\\d+: ");
    }

    @Test
    void aRulesDirectoryThatDoesNotExistIsInvalidInput() throws Exception {
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", "--rules", dir.resolve("nowhere").toString(), file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("rules directory").contains("does not exist");
    }

    @Test
    void anEvaluationTheRulesFailOnNamesTheRuleAndWhyWithoutAClassNameInEvaluateAndInABatchLine() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "m01-core-components.drl", "$p.rndInvestment(), \"30%\"", "null, \"30%\"");
        String rule = "1.1 A core-component product with own IP and market sales gets 30% of its R&D investment, at "
                + "most 3,000,000";
        String why = "the rule \"" + rule + "\" failed: rule '" + rule + "' computed from a missing amount";
        Path file = Fixtures.write(dir, "a.json", Fixtures.APPLICATION);
        Cli.Result r = Cli.run("evaluate", "--rules", rules.toString(), file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("error: " + why);

        Path lines = Fixtures.write(dir, "a.jsonl", Fixtures.APPLICATION.replaceAll("\\s*\\n\\s*", " ") + "\n");
        Cli.Result batch = Cli.run("batch", "--rules", rules.toString(), lines.toString());
        assertThat(batch.code()).isEqualTo(1);
        assertThat(batch.out().strip()).isEqualTo("{\"line\":1,\"error\":\"evaluation failed\",\"message\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(why) + "}");
    }
}
