package cn.minhang.policy.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The specs pin down every rule: each rule fires in some case, each clause has a rule and a spec. */
class RuleCoverageTest {
    private static PolicyEngine engine;
    private static List<SpecCase> cases;
    private static Set<String> fired;

    @BeforeAll
    static void runEverySpec() {
        engine = PolicyEngine.fromDirectory(PolicySpecTest.RULES);
        cases = SpecRunner.load(PolicySpecTest.SPECS);
        SpecRunner runner = new SpecRunner(engine);
        fired = cases.stream()
                .map(runner::run)
                .flatMap(r -> r.firedRules().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyRuleFiresInAtLeastOneSpecCase() {
        List<String> neverFired = engine.rules().rules().stream()
                .filter(r -> !fired.contains(r.name()))
                .map(r -> r.file() + ":" + r.line() + " \"" + r.name() + "\"")
                .toList();
        assertThat(neverFired).as("rules that no spec case makes fire").isEmpty();
    }

    @Test
    void everyClauseOfThePolicyHasARule() {
        Set<String> withRules = engine.rules().rules().stream().map(RuleInfo::clause).collect(Collectors.toSet());
        List<String> missing = engine.rules().catalogue().ids().stream().filter(id -> !withRules.contains(id)).toList();
        assertThat(missing).as("clause ids with no rule").isEmpty();
    }

    @Test
    void everyMeasureClauseHasASpecCaseThatExpectsALineOfIt() {
        Set<String> expected = cases.stream()
                .flatMap(c -> java.util.stream.StreamSupport.stream(c.expect().path("lines").spliterator(), false))
                .map(l -> l.path("clause").asText())
                .collect(Collectors.toSet());
        List<String> missing = engine.rules().catalogue().clauses().stream().filter(Clause::isMeasureClause)
                .map(Clause::id).filter(id -> !expected.contains(id)).toList();
        assertThat(missing).as("measure clauses that no spec case expects a line of").isEmpty();
    }

    @Test
    void everyRuleFileHasASpecFileOfTheSameNameAndViceVersa() throws IOException {
        assertThat(baseNames(PolicySpecTest.SPECS, ".yaml")).isEqualTo(baseNames(PolicySpecTest.RULES, ".drl"));
    }

    @Test
    void everyRuleFileOfAMeasureIsNamedByItsNumber() throws IOException {
        Set<String> names = baseNames(PolicySpecTest.RULES, ".drl");
        for (int m = 0; m <= 15; m++) {
            String prefix = String.format("m%02d-", m);
            assertThat(names.stream().filter(n -> n.startsWith(prefix)).count())
                    .as("rule files for %s", prefix).isEqualTo(1);
        }
        assertThat(names).allMatch(n -> n.matches("m\\d{2}-[a-z0-9]+(-[a-z0-9]+)*"));
    }

    private static Set<String> baseNames(Path dir, String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(extension))
                    .map(n -> n.substring(0, n.length() - extension.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
