package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.OpenCallProject;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.population.PopulationGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped rules against a copy whose 1.1 cap is 2,500,000 instead of 3,000,000: the comparison must name
 * clause 1.1 and exactly the applicants whose 1.1 award stood above 2,500,000, and nothing else.
 */
class CompareCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal NEW_CAP = new BigDecimal("2500000");

    @TempDir
    static Path dir;
    static Path population;
    static Path edited;
    static Set<String> expectedChanged = new TreeSet<>();
    static int applicants;

    @BeforeAll
    static void setUp() throws Exception {
        edited = Fixtures.copyOfRules(dir.resolve("edited"));
        Fixtures.edit(edited, "m01-core-components.drl", "\"30%\", \"3,000,000\"", "\"30%\", \"2,500,000\"");
        // A population in which no 1.1 product is also claimed under another clause of this policy (a product
        // R&D project that is also a district open-call project), so that the one cap moves one clause only.
        List<String> lines = new ArrayList<>();
        PolicyEngine shipped = PolicyEngine.fromDirectory(Fixtures.RULES);
        for (Application a : new PopulationGenerator(99).stream(800).toList()) {
            Set<String> products = a.products().stream().map(ProductRnd::id).collect(Collectors.toSet());
            if (a.openCallProjects().stream().map(OpenCallProject::id).anyMatch(products::contains)) {
                continue;
            }
            lines.add(ApplicationJson.toJsonLine(a));
            Decision d = shipped.evaluate(a);
            for (AwardLine l : d.linesOf("1.1")) {
                if (l.status().granted() && l.computed().compareTo(NEW_CAP) > 0) {
                    expectedChanged.add(a.id());
                }
            }
        }
        applicants = lines.size();
        population = dir.resolve("population.jsonl");
        Files.write(population, lines, StandardCharsets.UTF_8);
        assertThat(expectedChanged).hasSizeGreaterThan(20);
    }

    @Test
    void reportsExactlyTheClauseAndTheApplicantsThatChangedAndNothingElse() throws Exception {
        Cli.Result r = Cli.run("compare", "--rules", "rules", "--rules", edited.toString(), "--json", "--top", "100000",
                population.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        JsonNode c = JSON.readTree(r.out());
        assertThat(c.path("applicants").asInt()).isEqualTo(applicants);
        assertThat(c.path("applicantsChanged").asInt()).isEqualTo(expectedChanged.size());
        Set<String> changed = new TreeSet<>(c.path("largestChanges").findValuesAsText("applicationId"));
        assertThat(changed).isEqualTo(expectedChanged);
        BigDecimal sumOfChanges = BigDecimal.ZERO;
        for (JsonNode change : c.path("largestChanges")) {
            change.path("removed").forEach(k -> assertThat(k.asText()).startsWith("1.1 "));
            change.path("added").forEach(k -> assertThat(k.asText()).startsWith("1.1 "));
            assertThat(change.path("removed").size() + change.path("added").size()).isPositive();
            sumOfChanges = sumOfChanges.add(new BigDecimal(change.path("difference").asText()));
        }
        for (JsonNode row : c.path("clauses")) {
            if (row.path("clause").asText().equals("1.1")) {
                assertThat(row.path("applicantsChanged").asInt()).isEqualTo(expectedChanged.size());
                assertThat(new BigDecimal(row.path("difference").asText())).isNegative().isEqualByComparingTo(sumOfChanges);
            } else {
                assertThat(row.path("applicantsChanged").asInt()).as(row.path("clause").asText()).isZero();
                assertThat(row.path("difference").asText()).as(row.path("clause").asText()).isEqualTo("0.00");
                assertThat(row.path("totalA").asText()).isEqualTo(row.path("totalB").asText());
            }
        }
        assertThat(new BigDecimal(c.path("total").path("difference").asText())).isEqualByComparingTo(sumOfChanges);
        // the largest changes come first
        List<BigDecimal> sizes = new ArrayList<>();
        c.path("largestChanges").forEach(ch -> sizes.add(new BigDecimal(ch.path("difference").asText()).abs()));
        assertThat(sizes).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aCappedLineLosesExactlyFiveHundredThousandInTheReadableReport() {
        Cli.Result r = Cli.run("compare", "--rules", "rules", "--rules", edited.toString(), "--lang", "en", "--top", "3",
                population.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("Applicants whose decision changed: " + expectedChanged.size())
                .contains("The 3 largest changes:")
                .containsPattern("- 1\\.1 P\\d CAPPED 3,000,000\\.00")
                .containsPattern("1\\.1 +[0-9,.]+ +[0-9,.]+ +-[0-9,.]+ +" + expectedChanged.size());
    }

    @Test
    void theCsvHasOneRowPerClauseAndATotal() {
        Cli.Result r = Cli.run("compare", "--rules", "rules", "--rules", edited.toString(), "--csv",
                population.toString());
        assertThat(r.code()).isEqualTo(0);
        List<String> rows = r.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("clause,total_a,total_b,difference,applicants_changed");
        assertThat(rows).anyMatch(row -> row.startsWith("1.1,") && row.endsWith("," + expectedChanged.size()));
        assertThat(rows.stream().filter(row -> !row.startsWith("1.1,") && !row.startsWith("clause,")
                && !row.startsWith("all,"))).allMatch(row -> row.endsWith(",0.00,0"));
        assertThat(rows.get(rows.size() - 1)).startsWith("all,").endsWith("," + expectedChanged.size());
    }

    @Test
    void identicalRulesChangeNothing() {
        Cli.Result r = Cli.run("compare", "--rules", "rules", "--rules", Fixtures.RULES.toAbsolutePath().toString(),
                "--csv", population.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out().lines().skip(1)).allMatch(row -> row.endsWith(",0.00,0"));
    }

    @Test
    void compareNeedsTwoRuleDirectories() {
        Cli.Result r = Cli.run("compare", "--rules", "rules", population.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give --rules exactly twice");
    }
}
