package cn.minhang.policy.population;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.model.Application;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationGeneratorTest {
    private static List<Decision> decisions;
    private static List<Application> applicants;

    @BeforeAll
    static void evaluateAPopulation() {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        applicants = new PopulationGenerator(5).stream(1_500).toList();
        decisions = applicants.stream().map(engine::evaluate).toList();
    }

    @Test
    void theSameSeedGivesTheSameFile() {
        StringWriter one = new StringWriter();
        StringWriter two = new StringWriter();
        PopulationGenerator.writeJsonl(42, 300, one);
        PopulationGenerator.writeJsonl(42, 300, two);
        assertThat(one.toString()).isEqualTo(two.toString()).hasLineCount(300);
    }

    @Test
    void anotherSeedGivesAnotherPopulation() {
        StringWriter one = new StringWriter();
        StringWriter two = new StringWriter();
        PopulationGenerator.writeJsonl(42, 50, one);
        PopulationGenerator.writeJsonl(43, 50, two);
        assertThat(one.toString()).isNotEqualTo(two.toString());
    }

    @Test
    void anApplicantDoesNotDependOnHowManyAreDrawn() {
        PopulationGenerator generator = new PopulationGenerator(42);
        assertThat(generator.stream(100).toList().get(77)).isEqualTo(generator.applicant(77));
        assertThat(generator.applicant(77).id()).isEqualTo("APP-0000078");
    }

    @Test
    void everyClauseOfThePolicyIsExercised() {
        Set<String> seen = new java.util.TreeSet<>();
        decisions.forEach(d -> d.lines().forEach(l -> seen.add(l.clause().id())));
        RuleSource rules = RuleSource.directory(Path.of("rules"));
        List<String> measures = ClauseCatalogue.of(rules.origin(), rules.catalogue()).clauses().stream()
                .filter(Clause::isMeasureClause).map(Clause::id).toList();
        assertThat(measures).hasSize(21);
        assertThat(seen).containsAll(measures);
    }

    @Test
    void everyOutcomeOccursGrantedCappedExcludedNotEligibleSupportCeilingAndAggregateCaps() {
        Set<Status> seen = EnumSet.noneOf(Status.class);
        decisions.forEach(d -> d.lines().forEach(l -> seen.add(l.status())));
        assertThat(seen).containsExactlyInAnyOrder(Status.values());
    }

    @Test
    void theMonetaryClausesAreGrantedAndCappedAndRefusedSomewhere() {
        for (String clause : List.of("1.1", "1.2", "2.2", "4.1")) {
            Set<Status> seen = EnumSet.noneOf(Status.class);
            decisions.forEach(d -> d.linesOf(clause).forEach(l -> seen.add(l.status())));
            assertThat(seen).as(clause).contains(Status.GRANTED, Status.CAPPED, Status.NOT_ELIGIBLE);
        }
        for (String clause : List.of("1.2", "3.1", "3.2")) {  // capped in sum per enterprise or per year
            Set<Status> seen = EnumSet.noneOf(Status.class);
            decisions.forEach(d -> d.linesOf(clause).forEach(l -> seen.add(l.status())));
            assertThat(seen).as(clause).contains(Status.GRANTED, Status.AGGREGATE_CAP, Status.NOT_ELIGIBLE);
        }
        for (String clause : List.of("2.1", "4.2", "8", "10.2", "12")) {
            Set<Status> seen = EnumSet.noneOf(Status.class);
            decisions.forEach(d -> d.linesOf(clause).forEach(l -> seen.add(l.status())));
            assertThat(seen).as(clause).contains(Status.GRANTED, Status.CEILING);
        }
    }

    @Test
    void awardsUnderOtherPoliciesSometimesWinAndSometimesAreForgone() {
        assertThat(decisions.stream().flatMap(d -> d.lines().stream())
                .filter(l -> l.status() == Status.EXCLUDED && !l.excludedBy().thisPolicy())).isNotEmpty();
        assertThat(decisions.stream().filter(d -> !d.forgone().isEmpty())).isNotEmpty();
    }

    @Test
    void awardsUnderOtherPoliciesCompeteWithEveryKindOfMonetaryClause() {
        Set<String> clauses = new java.util.TreeSet<>();
        for (int i = 0; i < applicants.size(); i++) {
            Application a = applicants.get(i);
            for (AwardLine l : decisions.get(i).lines()) {
                boolean competes = l.status().granted() || l.status() == Status.EXCLUDED;
                if (competes && a.otherAwards().stream().anyMatch(o -> o.subject().equals(l.subject()))) {
                    clauses.add(l.clause().id());
                }
            }
        }
        assertThat(clauses).contains("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "6.2", "8", "10.2", "12", "13.2");
    }

    @Test
    void twoClausesOfThisPolicySometimesTieForOneSubjectAndTheLowerStands() {
        List<AwardLine> ties = decisions.stream().flatMap(d -> d.lines().stream())
                .filter(l -> l.status() == Status.EXCLUDED && l.excludedBy().thisPolicy()
                        && l.excludedBy().amount().compareTo(l.computed().min(l.cap() == null ? l.computed() : l.cap())
                        .setScale(2, java.math.RoundingMode.HALF_UP)) == 0)
                .toList();
        assertThat(ties).isNotEmpty();
        assertThat(ties).allMatch(l -> l.clause().catalogue().clause(l.excludedBy().clause()).rank() < l.clause().rank());
    }

    @Test
    void applicationDatesFallOnEitherSideOfBothEndsOfThePeriodOfValidity() {
        Set<java.time.LocalDate> dates = new HashSet<>();
        applicants.forEach(a -> dates.add(a.applicationDate()));
        assertThat(dates).contains(java.time.LocalDate.of(2024, 12, 31), java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.of(2027, 12, 31), java.time.LocalDate.of(2028, 1, 1));
        assertThat(applicants).allSatisfy(a -> assertThat(a.computeExpenses())
                .allMatch(e -> e.year() <= a.applicationDate().getYear()));
    }

    @Test
    void aboutThreeQuartersOfApplicantsGetMoneyAndAmountsArePlausible() {
        long granted = decisions.stream().filter(d -> d.totalGranted().signum() > 0).count();
        assertThat(granted).isBetween(900L, 1_300L);
        BigDecimal largest = decisions.stream().map(Decision::totalGranted).max(BigDecimal::compareTo).orElseThrow();
        assertThat(largest).isLessThan(new BigDecimal("100000000"));
        Set<String> policies = new HashSet<>();
        applicants.forEach(a -> a.otherAwards().forEach(o -> policies.add(o.policy())));
        assertThat(policies).hasSizeGreaterThanOrEqualTo(4);
        for (Decision d : decisions) {
            for (AwardLine l : d.lines()) {
                if (l.base() != null) {
                    assertThat(l.base()).isPositive().isLessThan(new BigDecimal("300000001"));
                }
            }
        }
    }
}
