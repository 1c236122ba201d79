package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.population.PopulationGenerator;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of the policy belongs to the analysts: a clause is added or renumbered by editing a copy of rules/ and
 * specs/ only, and every output picks the change up. Nothing here is Java the analyst would write: the copies are
 * edited as text, and the commands are the ones of the README.
 */
class ClauseCatalogueEditsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-07-01T09:00:00Z");

    /** The catalogue entry the analyst adds after clause 3.2. */
    private static final String ENTRY_3_3 = """
                  - id: "3.3"
                    kind: RATE
                    base: {zh: 首台套产品销售额, en: sales of the first-of-its-kind product}
                    capScope: {zh: 单款产品, en: per-product}
            """;

    /** The rule the analyst adds to measure 3's file, as written. */
    private static final String RULE_3_3 = """

            // 第3条第3款
            // “对首台套产品，按其销售额的5%给予支持，最高不超过50万元。”
            rule "3.3 A first-of-its-kind product gets 5% of its sales, at most 500,000"
                @clause("3.3")
            when  $c : CatalogueProduct( listedInMunicipalCatalogue == true )
            then  insert( Claim.rate( kcontext, $c.id(), $c.sales(), "5%", "500,000" ) );
            end
            """;

    /** The spec of the new clause: with 3.2 for the same product, between a purchase (3.1) and an investment (4.1). */
    private static final String SPEC_3_3 = """
            given:
              id: SPEC-M03-3
              applicationDate: "2026-03-01"
              enterprise: {id: E1, name: 示例智造有限公司, locatedInDistrict: true, embodiedAiField: true}
            cases:
              - case: "3.3 Case 1: a listed first-of-its-kind product with sales of 6,000,000 gets 5%, 300,000, which 3.2's 600,000 for the same product excludes"
                application:
                  purchases:
                    - {id: PU1, product: 巡检机器人, supplier: 甲机器人公司, supplierAffiliated: false, appliedInRealScenario: true, demonstrationEffect: true, amount: "1000000"}
                  catalogueProducts:
                    - {id: CP1, name: 服务机器人, listedInMunicipalCatalogue: true, sales: "6000000"}
                  equipmentInvestments:
                    - {id: EI1, name: 柔性装配线改造, sector: AUTO_PARTS, embodiedAiTransformation: true, newEquipmentInvestment: "5000000"}
                expect:
                  lines:
                    - {clause: "3.1", subject: PU1, status: GRANTED, amount: "200000.00"}
                    - {clause: "3.2", subject: CP1, status: GRANTED, amount: "600000.00"}
                    - {clause: "3.3", subject: CP1, status: EXCLUDED, amount: "0.00"}
                    - {clause: "4.1", subject: EI1, status: GRANTED, amount: "500000.00"}
                  total: "1300000.00"
                  explanations:
                    - "第3条第3款：首台套产品销售额 6,000,000.00 元 × 5% = 300,000.00 元，未超过单款产品上限 500,000.00 元；按“从优、就高、不重复”原则，同一事项已按第3条第2款获较高支持 600,000.00 元，本项不予重复支持"
                    - "Clause 3.3: sales of the first-of-its-kind product 6,000,000.00 yuan × 5% = 300,000.00 yuan, within the per-product cap of 500,000.00 yuan; excluded under 从优、就高、不重复 (most favourable, highest, never twice): the same subject gets the higher 600,000.00 yuan under Clause 3.2"
                  notApplicable: [1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
            """;

    @TempDir
    Path dir;

    @Test
    void anAnalystAddsClause3Point3ToACopyOfTheRulesAndEveryOutputPicksItUp() throws IOException {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "clauses.yaml", "\n  - measure: 4\n", ENTRY_3_3 + "\n  - measure: 4\n");
        Path m03 = rules.resolve("m03-product-procurement.drl");
        Files.writeString(m03, Files.readString(m03, StandardCharsets.UTF_8) + RULE_3_3, StandardCharsets.UTF_8);
        Path spec = Fixtures.write(dir.resolve("specs"), "m03-first-of-its-kind.yaml", SPEC_3_3);

        // check: the clause is known, encoded and explainable
        Cli.Result check = Cli.run("check", "--rules", rules.toString());
        assertThat(check.code()).as(check.out()).isEqualTo(0);
        assertThat(check.out()).startsWith("OK: ").contains("24 clauses of clauses.yaml").doesNotContain("warning");

        // spec: the new case passes
        Cli.Result specs = Cli.run("spec", "--rules", rules.toString(), spec.toString());
        assertThat(specs.code()).as(specs.out()).isEqualTo(0);
        assertThat(specs.out()).contains("PASS  m03-first-of-its-kind  3.3 Case 1").endsWith("1 passed, 0 failed\n");

        // the decision: lines in the text's order, the new clause explained in both languages
        PolicyEngine engine = PolicyEngine.fromDirectory(rules);
        SpecCase theCase = SpecRunner.loadFile(spec).get(0);
        Application application = ApplicationReader.fromTree(theCase.application());
        Decision decision = engine.evaluate(application);
        assertThat(decision.lines()).extracting(l -> l.clause().id() + " " + l.subject() + " " + l.status())
                .containsExactly("3.1 PU1 GRANTED", "3.2 CP1 GRANTED", "3.3 CP1 EXCLUDED", "4.1 EI1 GRANTED");
        AwardLine line = decision.line("3.3", "CP1").orElseThrow();
        assertThat(line.excludedBy().clause()).isEqualTo("3.2");
        assertThat(line.explanation(Language.ZH)).startsWith("第3条第3款：首台套产品销售额 6,000,000.00 元 × 5% = 300,000.00 元");
        assertThat(line.explanation(Language.EN)).startsWith("Clause 3.3: sales of the first-of-its-kind product");
        assertThat(decision.totalsByClause().keySet()).containsExactly("3.1", "3.2", "4.1");
        assertThat(decision.measuresNotApplicable()).doesNotContain(3, 4).contains(1, 14);

        // the JSON Schema of the decision lists 3.3 in its place, and the decision is valid against it
        Cli.Result schema = Cli.run("schema", "--decision", "--rules", rules.toString());
        JsonNode ids = JSON.readTree(schema.out()).path("$defs").path("clause").path("enum");
        assertThat(ids.toString()).contains("\"3.1\",\"3.2\",\"3.3\",\"4.1\"");
        String json = DecisionJson.compact(DecisionJson.toTree(application, decision, AT));
        assertThat(json).contains("\"clause\":\"3.3\"");
        assertThat(Cli.run("schema", "--decision").out()).doesNotContain("\"3.3\"");

        // the budget of a batch and compare list it after 3.2 and before 4.1
        Path population = dir.resolve("population.jsonl");
        List<String> lines = new ArrayList<>();
        new PopulationGenerator(3).stream(120).forEach(a -> lines.add(ApplicationJson.toJsonLine(a)));
        lines.add(ApplicationJson.toJsonLine(application));
        Files.write(population, lines);
        Cli.Result compare = Cli.run("compare", "--rules", Fixtures.RULES.toString(), "--rules", rules.toString(),
                "--csv", population.toString());
        assertThat(compare.code()).as(compare.err()).isEqualTo(0);
        List<String> clauses = compare.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(clauses).containsSubsequence("3.1", "3.2", "3.3", "4.1");
        String row33 = compare.out().lines().filter(l -> l.startsWith("3.3,")).findFirst().orElseThrow();
        // 3.2 pays more for one product, but where 3.2's per-enterprise cap binds, 从优 keeps 3.3's award instead
        assertThat(row33).as("3.3 pays nothing under the shipped rules and something under the copy")
                .startsWith("3.3,0.00,").doesNotStartWith("3.3,0.00,0.00,").doesNotEndWith(",0");
    }

    @Test
    void anAnalystRenumbersClause3Point2AndOnlyTheIdsChange() throws IOException {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "clauses.yaml", "- id: \"3.2\"", "- id: \"3.3\"");
        Path m03 = rules.resolve("m03-product-procurement.drl");
        String drl = Files.readString(m03, StandardCharsets.UTF_8);
        assertThat(drl).contains("@clause(\"3.2\")");
        Files.writeString(m03, drl.replace("@clause(\"3.2\")", "@clause(\"3.3\")"), StandardCharsets.UTF_8);
        Path specs = dir.resolve("specs");
        Files.createDirectories(specs);
        try (Stream<Path> files = Files.list(Path.of("specs"))) {
            for (Path f : files.toList()) {
                Files.writeString(specs.resolve(f.getFileName()), renumbered(Files.readString(f, StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
            }
        }

        Cli.Result check = Cli.run("check", "--rules", rules.toString());
        assertThat(check.code()).as(check.out()).isEqualTo(0);
        Cli.Result spec = Cli.run("spec", "--rules", rules.toString(), specs.toString());
        assertThat(spec.code()).as(spec.out()).isEqualTo(0);
        assertThat(spec.out()).contains(" passed, 0 failed");

        PolicyEngine before = PolicyEngine.fromDirectory(Fixtures.RULES);
        PolicyEngine after = PolicyEngine.fromDirectory(rules);
        List<Application> applications = new ArrayList<>();
        for (SpecCase c : SpecRunner.load(Path.of("specs"))) {
            try {
                applications.add(ApplicationReader.fromTree(c.application()));
            } catch (InvalidApplicationException e) {
                // a case of an application the reader refuses has no decision to compare
            }
        }
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
                    .sorted().toList()) {
                applications.add(ApplicationReader.read(f));
            }
        }
        applications.addAll(new PopulationGenerator(11).stream(150).toList());
        int renumberedLines = 0;
        for (Application a : applications) {
            String old = decisionWithoutVersion(a, before.evaluate(a));
            String now = decisionWithoutVersion(a, after.evaluate(a));
            assertThat(old).doesNotContain("\"clause\": \"3.3\"");
            if (now.contains("\"clause\": \"3.3\"")) {
                renumberedLines++;
                assertThat(now).isNotEqualTo(old);
            }
            assertThat(back(now)).as(a.id()).isEqualTo(old);
        }
        assertThat(renumberedLines).as("decisions with a line of the renumbered clause").isGreaterThan(10);
    }

    @Test
    void anAnalystRenamesWhatABaseAndACapScopeAreCalledAndTheExplanationsSayIt() {
        RuleSource shipped = RuleSource.directory(Fixtures.RULES);
        String edited = shipped.catalogue()
                .replace("base: {zh: 单款产品采购金额, en: single-product purchase amount}",
                        "base: {zh: 单款产品实际采购金额, en: amount actually paid for the product}")
                .replace("capScope: {zh: 单个企业, en: per-enterprise}\n        aggregateScope: {zh: 单个企业, en: per enterprise}\n"
                                + "      - id: \"3.2\"",
                        "capScope: {zh: 每家企业, en: per-buyer}\n        aggregateScope: {zh: 每家企业, en: per buyer}\n"
                                + "      - id: \"3.2\"");
        assertThat(edited).isNotEqualTo(shipped.catalogue());
        PolicyEngine engine = PolicyEngine.of(shipped.with("clauses.yaml", edited));
        Application application = ApplicationReader.read(Path.of("examples/robot-buyer.json"));
        String explained = engine.evaluate(application).explain(Language.ZH);
        String explainedEn = engine.evaluate(application).explain(Language.EN);
        assertThat(explained).contains("第3条第1款：单款产品实际采购金额 6,000,000.00 元 × 20% = 1,200,000.00 元，未超过每家企业上限")
                .contains("第3条第1款每家企业上限：合计 2,500,000.00 元");
        assertThat(explainedEn).contains("Clause 3.1: amount actually paid for the product 6,000,000.00 yuan")
                .contains("within the per-buyer cap of 2,000,000.00 yuan").contains("Clause 3.1 per buyer cap: ");
        assertThat(engine.rules().version()).isNotEqualTo(shipped.version());
    }

    /** A spec file with clause 3.2 renumbered 3.3: its expected lines and the explanations that cite it. */
    private static String renumbered(String spec) {
        return spec.replace("clause: \"3.2\"", "clause: \"3.3\"").replace("第3条第2款", "第3条第3款")
                .replace("Clause 3.2", "Clause 3.3");
    }

    /** A decision of the renumbered rules with clause 3.3 written back as 3.2: its ids and how they are cited. */
    private static String back(String decision) {
        return decision.replace("\"clause\": \"3.3\"", "\"clause\": \"3.2\"")
                .replace("\"winningClause\": \"3.3\"", "\"winningClause\": \"3.2\"")
                .replace("\"3.3\": \"", "\"3.2\": \"")
                .replace("第3条第3款", "第3条第2款").replace("Clause 3.3", "Clause 3.2");
    }

    private static String decisionWithoutVersion(Application a, Decision d) {
        ObjectNode tree = DecisionJson.toTree(a, d, AT);
        tree.remove("rulesVersion");
        ((ObjectNode) tree.path("audit")).remove("rulesVersion");
        return DecisionJson.pretty(tree);
    }
}
