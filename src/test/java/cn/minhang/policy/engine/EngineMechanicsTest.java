package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading, broken rules, reloads, input order and threads. */
class EngineMechanicsTest {
    private static final Path RULES = Path.of("rules");
    private static PolicyEngine engine;
    private static List<Application> specApplications;

    @BeforeAll
    static void compile() {
        engine = PolicyEngine.fromDirectory(RULES);
        specApplications = new ArrayList<>();
        for (SpecCase c : SpecRunner.load(Path.of("specs"))) {
            if (c.expectedErrorPaths().isEmpty()) {
                specApplications.add(ApplicationReader.fromTree(c.application()));
            }
        }
    }

    private static Application jointMaker(String date) {
        return Application.builder("A1", LocalDate.parse(date), new Enterprise("E1", "关节科技", true, true, List.of()))
                .product(new ProductRnd("P1", "一体化关节", ComponentCategory.INTEGRATED_JOINT,
                        new BigDecimal("8000000"), true, true))
                .build();
    }

    @Test
    void thePackagedRulesAreTheRulesDirectory() {
        assertThat(PolicyEngine.fromClasspath().rules().version()).isEqualTo(engine.rules().version());
    }

    @Test
    void aDecisionNamesTheRulesVersionThatMadeIt() {
        Decision d = engine.evaluate(jointMaker("2026-03-01"));
        assertThat(d.rulesVersion()).isEqualTo(engine.rules().version()).startsWith("sha256:");
        assertThat(d.totalGranted()).isEqualByComparingTo("2400000.00");
        assertThat(d.validity().from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(d.validity().to()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(d.readings()).extracting(TextReading::en)
                .anyMatch(r -> r.contains("placeholders until the final text sets them"));
    }

    @Test
    void aRuleFileWithATypoIsReportedWithItsFileAndLineAndNothingIsEvaluated() {
        RuleSource source = RuleSource.directory(RULES);
        String broken = source.files().get("m01-core-components.drl")
                .replace("insert( Claim.rate( kcontext, $p.id(), $p.rndInvestment(), \"30%\", \"3,000,000\" ) );",
                        "insert( Claim.rate( kcontext, $p.id(), $p.rndInvestmentt(), \"30%\", \"3,000,000\" ) );");
        assertThat(broken).isNotEqualTo(source.files().get("m01-core-components.drl"));
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> PolicyEngine.of(source.with("m01-core-components.drl", broken)));
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("m01-core-components.drl");
            assertThat(p.line()).isBetween(10, 20);
        });
        assertThat(e.getMessage()).contains("m01-core-components.drl:");
    }

    @Test
    void aCompilerErrorIsGivenAtTheLineItIsAboutInTheCompilersWordsAndWithoutItsInsides() {
        RuleSource source = RuleSource.directory(RULES);
        String talent = source.files().get("m14-talent.drl");
        String rule = "rule \"14 A person who does not meet the high-level talent criteria is not eligible\"";
        assertThat(talent.lines().toList().get(24)).isEqualTo(rule);

        // A mistake in the consequence: Drools names the rule's first line (25); the consequence is 29-32.
        assertThat(problems(source, talent.replace("$t.id(),\n            \"人员不符合", "$t.idd(),\n            \"人员不符合")))
                .containsExactly("m14-talent.drl:29: Rule Compilation error The method idd() is undefined for the type "
                        + "Talent (in the Java code of " + rule + ": its consequence, lines 29–32)");
        // A rule with an eval( … ) has Java code in two places: the message's names tell which one it is about.
        String withEval = talent.replace("    $t : Talent( meetsCriteria == false )\n",
                "    $t : Talent( meetsCriteria == false )\n    eval( $t.id() != null )\n");
        assertThat(problems(source, withEval.replace("eval( $t.id()", "eval( $t.idd()")))
                .containsExactly("m14-talent.drl:29: Rule Compilation error The method idd() is undefined for the type "
                        + "Talent (in the Java code of " + rule + ": its eval( … ) at line 29)");
        assertThat(problems(source, withEval.replace("$t.id(),\n            \"人员不符合", "$t.idd(),\n            \"人员不符合")))
                .containsExactly("m14-talent.drl:30: Rule Compilation error The method idd() is undefined for the type "
                        + "Talent (in the Java code of " + rule + ": its consequence, lines 30–33)");
        assertThat(problems(source, withEval.replace("eval( $t.id()", "eval( $u.id()")))
                .containsExactly("m14-talent.drl:29: Rule Compilation error $u cannot be resolved (in the Java code of "
                        + rule + ": its eval( … ) at line 29)");
        // A mistake in both places is two problems, each at its own line.
        String inBoth = withEval.replace("eval( $t.id()", "eval( $t.idd()")
                .replace("$t.id(),\n            \"人员不符合", "$t.idd(),\n            \"人员不符合");
        assertThat(problems(source, inBoth)).containsExactly(
                "m14-talent.drl:29: Rule Compilation error The method idd() is undefined for the type Talent (in the Java "
                        + "code of " + rule + ": its eval( … ) at line 29)",
                "m14-talent.drl:30: Rule Compilation error The method idd() is undefined for the type Talent (in the Java "
                        + "code of " + rule + ": its consequence, lines 30–33)");
        // A message whose names both places write, or that names nothing, stays at the rule's line and names both.
        assertThat(problems(source, withEval.replace("eval( $t.id() != null )", "eval( $t.id() != 1 )")))
                .containsExactly("m14-talent.drl:25: Rule Compilation error Incompatible operand types String and int "
                        + "(in the Java code of " + rule + ": an eval( … ) or its consequence, lines 30–33)");
        // An unfinished eval: the parser's own exception and stack trace are not passed on, nor its "null Package".
        assertThat(problems(source, talent.replace("    $t : Talent( meetsCriteria == false )\n",
                "    $t : Talent( meetsCriteria == false )\n    eval( $t.id() + )\n")))
                .containsExactly("m14-talent.drl:29: Line 29:20 unexpected exception at input ')'",
                        "m14-talent.drl:29: [ERR 107] Line 29:20 mismatched input ')' expecting one of the following "
                                + "tokens: '[package, unit, import, global, declare, function, rule, query]'.");
        // A constraint the compiler cannot analyse, which Drools gives at line 0: at the line that writes it.
        assertThat(problems(source, talent.replace("Talent( meetsCriteria == false )", "Talent( meetsCriteria == falsee )")))
                .containsExactly("m14-talent.drl:28: Unable to Analyse Expression meetsCriteria == falsee: [Error: "
                        + "unable to resolve method using strict-mode: cn.minhang.policy.model.Talent.falsee()] "
                        + "[Near : {... meetsCriteria == falsee ....}] ^");
        // A condition the parser cannot read: at its line, once.
        assertThat(problems(source, talent.replace("Talent( meetsCriteria == false )", "Talent( meetsCriteria == false ,, )")))
                .containsExactly("m14-talent.drl:28: [ERR 101] Line 28:41 no viable alternative at input ',' in "
                        + rule);
    }

    private static List<String> problems(RuleSource source, String talent) {
        assertThat(talent).isNotEqualTo(source.files().get("m14-talent.drl"));
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> PolicyEngine.of(source.with("m14-talent.drl", talent)));
        assertThat(e).isNotNull();
        return e.problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void aBrokenReloadLeavesThePreviousRulesServing() {
        PolicyEngine serving = PolicyEngine.fromDirectory(RULES);
        String before = serving.rules().version();
        RuleSource source = RuleSource.directory(RULES);
        RuleSource broken = source.with("m01-core-components.drl",
                source.files().get("m01-core-components.drl").replace("when", "whn"));
        assertThatThrownBy(() -> serving.reload(broken)).isInstanceOf(RuleCompilationException.class)
                .hasMessageContaining("m01-core-components.drl:");
        assertThat(serving.rules().version()).isEqualTo(before);
        assertThat(serving.evaluate(jointMaker("2026-03-01")).totalGranted()).isEqualByComparingTo("2400000.00");
    }

    @Test
    void aGoodReloadChangesTheRatesWithoutAnyJavaChange() {
        PolicyEngine serving = PolicyEngine.fromDirectory(RULES);
        RuleSource source = RuleSource.directory(RULES);
        RuleSource edited = source.with("m01-core-components.drl",
                source.files().get("m01-core-components.drl").replace("\"30%\", \"3,000,000\"", "\"25%\", \"3,000,000\""));
        serving.reload(edited);
        Decision d = serving.evaluate(jointMaker("2026-03-01"));
        assertThat(d.totalGranted()).isEqualByComparingTo("2000000.00");
        assertThat(d.rulesVersion()).isEqualTo(edited.version()).isNotEqualTo(source.version());
    }

    @Test
    void aRuleWithoutAClauseOrWithAnUnknownClauseIsRejectedWithItsLine() {
        String extra = """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;

                rule "A rule that cites no clause"
                when
                    Enterprise()
                then
                end

                rule "A rule that cites a clause the policy does not have"
                    @clause("99.9")
                when
                    Enterprise()
                then
                end
                """;
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> PolicyEngine.of(RuleSource.directory(RULES).with("m99-extra.drl", extra)));
        assertThat(e.problems()).extracting(RuleProblem::toString).containsExactly(
                "m99-extra.drl:4: rule \"A rule that cites no clause\" has no @clause(\"…\")",
                "m99-extra.drl:10: rule \"A rule that cites a clause the policy does not have\" names unknown clause \"99.9\"; "
                        + "clauses.yaml declares general, 1.1, 1.2, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2, 5, 6.1, 6.2, 7, 8, 9, "
                        + "10.1, 10.2, 11, 12, 13.1, 13.2, 14, closing");
    }

    @Test
    void anEvaluationThatFailsInARuleLeavesNothingBehindForTheNextOne() {
        // Sessions are reused between evaluations: one abandoned half-way must not leak facts into the next.
        String failing = """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;
                import cn.minhang.policy.engine.*;

                rule "General: a product named BOOM makes the evaluation fail half-way"
                    @clause("general")
                when
                    ProductRnd( name == "BOOM" )
                    Claim( )
                then
                    throw new IllegalStateException("boom");
                end
                """;
        PolicyEngine withFailure = PolicyEngine.of(RuleSource.directory(RULES).with("m99-failing.drl", failing));
        Application boom = Application.builder("A0", LocalDate.parse("2026-03-01"),
                        new Enterprise("E1", "关节科技", true, true, List.of()))
                .product(new ProductRnd("P9", "BOOM", ComponentCategory.SENSOR, new BigDecimal("100"), true, true))
                .build();
        for (int round = 0; round < 4; round++) {
            assertThatThrownBy(() -> withFailure.evaluate(boom)).hasStackTraceContaining("boom");
            Decision after = withFailure.evaluate(jointMaker("2026-03-01"));
            assertThat(after.lines()).extracting(AwardLine::subject).containsExactly("P1");
            assertThat(after.totalGranted()).isEqualByComparingTo("2400000.00");
        }
    }

    @Test
    void aPooledSessionForgetsTheListenerOfTheEvaluationBeforeIt() {
        // Every evaluation adds a listener that collects its facts; the reset of a pooled session must drop it,
        // or a session would tell every earlier evaluation's collector of the next one's facts.
        for (int round = 0; round < 20; round++) {
            assertThat(engine.evaluate(jointMaker("2026-03-01")).totalGranted()).isEqualByComparingTo("2400000.00");
        }
        InsertedFacts facts = new InsertedFacts();
        org.kie.api.runtime.KieSession session = engine.rules().pooledSession(facts);
        try {
            assertThat(session.getRuleRuntimeEventListeners()).containsExactly(facts);
            assertThat(session.getObjects()).isEmpty();
        } finally {
            session.dispose();
        }
    }

    @Test
    void everyFactOfAnEvaluationIsReadBackOnceEvenWhereNoPatternMatchesIt() {
        // The rule base is immutable, and its sessions keep out of their store the facts no pattern matches; the
        // decision reads its facts from what was inserted, where a fact inserted twice is still one fact.
        String twice = """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;
                import cn.minhang.policy.engine.*;

                rule "General: a note no rule reads, inserted twice"
                    @clause("general")
                when
                    ProductRnd( )
                then
                    String note = "a note no rule reads";
                    insert( note );
                    insert( note );
                end
                """;
        PolicyEngine withNote = PolicyEngine.of(RuleSource.directory(RULES).with("m99-note.drl", twice));
        Application maker = jointMaker("2026-03-01");
        InsertedFacts facts = new InsertedFacts();
        org.kie.api.runtime.KieSession session = withNote.rules().pooledSession(facts);
        try {
            maker.facts().forEach(session::insert);
            session.fireAllRules();
            assertThat(facts.facts()).filteredOn(String.class::isInstance).containsExactly("a note no rule reads");
            assertThat(facts.facts()).containsAll(maker.facts());
            assertThat(facts.facts()).filteredOn(Claim.class::isInstance).hasSize(1);
            assertThat(facts.facts()).filteredOn(Verdict.class::isInstance).hasSize(1);
            assertThat(new ArrayList<Object>(session.getObjects())).doesNotContain("a note no rule reads");
        } finally {
            session.dispose();
        }
        Decision withIt = withNote.evaluate(maker);
        Decision without = engine.evaluate(maker);
        assertThat(withIt.lines()).isEqualTo(without.lines());
        assertThat(withIt.totalGranted()).isEqualByComparingTo("2400000.00");
    }

    @Test
    void shufflingTheFactsOfEverySpecApplicationNeverChangesItsDecision() {
        Random random = new Random(20261129L);
        for (SpecCase c : SpecRunner.load(Path.of("specs"))) {
            if (!c.expectedErrorPaths().isEmpty()) {
                continue;
            }
            Decision expected = engine.evaluate(ApplicationReader.fromTree(c.application()));
            for (int round = 0; round < 3; round++) {
                JsonNode shuffled = shuffleLists(c.application().deepCopy(), random);
                assertThat(engine.evaluate(ApplicationReader.fromTree(shuffled)))
                        .as("%s, shuffled (round %d)", c.name(), round).isEqualTo(expected);
            }
        }
    }

    @Test
    void evaluatingOnManyThreadsGivesTheSameDecisionsAsOneThread() throws Exception {
        List<Decision> sequential = specApplications.stream().map(engine::evaluate).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<Decision>> futures = new ArrayList<>();
                for (Application a : specApplications) {
                    futures.add(pool.submit(() -> engine.evaluate(a)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anApplicationWhoseFactsContradictEachOtherIsRejectedBeforeEvaluation() {
        Application bad = Application.builder("A1", LocalDate.parse("2026-03-01"),
                        new Enterprise("E1", "关节科技", true, true, List.of()))
                .product(new ProductRnd("P1", "关节", ComponentCategory.INTEGRATED_JOINT, BigDecimal.ONE, true, true))
                .product(new ProductRnd("P1", "关节", ComponentCategory.INTEGRATED_JOINT, BigDecimal.TEN, true, true))
                .otherAward(new OtherAward("O1", "市级政策", Level.MUNICIPAL, "P9", BigDecimal.ONE))
                .build();
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> engine.evaluate(bad));
        assertThat(e.problems()).extracting(Problem::path)
                .containsExactly("$.products[1].id", "$.otherAwards[0].subject");
    }

    private static JsonNode shuffleLists(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> object.set(name, shuffleLists(object.get(name), random)));
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            Collections.shuffle(items, random);
            array.removeAll();
            items.forEach(array::add);
        }
        return node;
    }
}
