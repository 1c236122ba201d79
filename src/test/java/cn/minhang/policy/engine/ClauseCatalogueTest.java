package cn.minhang.policy.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** rules/clauses.yaml read into the clauses of the policy, and every way it can be wrong, at its line. */
class ClauseCatalogueTest {
    private static final String SHIPPED = RuleSource.directory(Path.of("rules")).catalogue();

    private static List<RuleProblem> problems(String text) {
        List<RuleProblem> problems = new ArrayList<>();
        ClauseCatalogue.parse(text, problems);
        return problems;
    }

    @Test
    void theShippedCatalogueListsTheClausesOfTheTextInItsOrder() {
        ClauseCatalogue c = ClauseCatalogue.of("rules", SHIPPED);
        assertThat(c.idList()).isEqualTo("general, 1.1, 1.2, 2.1, 2.2, 3.1, 3.2, 4.1, 4.2, 5, 6.1, 6.2, 7, 8, 9, 10.1, "
                + "10.2, 11, 12, 13.1, 13.2, 14, closing");
        assertThat(c.measures()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        Clause c31 = c.clause("3.1");
        assertThat(List.of(c31.labelZh(), c31.labelEn(), c31.titleZh(), c31.baseZh(), c31.baseEn(), c31.capScopeZh(),
                c31.capScopeEn(), c31.aggregateScopeZh(), c31.aggregateScopeEn())).containsExactly("第3条第1款",
                "Clause 3.1", "支持爆款产品采购与应用示范", "单款产品采购金额", "single-product purchase amount", "单个企业",
                "per-enterprise", "单个企业", "per enterprise");
        assertThat(c31.kind()).isEqualTo(Clause.Kind.RATE);
        assertThat(c.clause("5").labelZh()).isEqualTo("第5条");
        assertThat(c.clause("closing").labelEn()).isEqualTo("Closing paragraph");
        assertThat(c.clause("closing").isMeasureClause()).isFalse();
        assertThat(c.clause("13.2").capScopeZh()).as("13.2 states no cap").isNull();
        assertThat(List.of("10.2", "2.1", "closing", "general", "9").stream().sorted(c.order()).toList())
                .containsExactly("general", "2.1", "9", "10.2", "closing");
    }

    @Test
    void twoVersionsOfTheCatalogueAreOrderedTogether() {
        ClauseCatalogue a = ClauseCatalogue.of("a", SHIPPED);
        ClauseCatalogue b = ClauseCatalogue.of("b", SHIPPED
                .replace("\n  - measure: 4\n", "      - id: \"3.3\"\n        kind: SUPPORT\n\n  - measure: 4\n")
                .replace("\nclosing:\n", "  - measure: 15\n    title: {zh: 十五, en: Fifteen}\n    clauses:\n"
                        + "      - id: \"15\"\n        kind: SUPPORT\n\nclosing:\n"));
        assertThat(b.ids()).containsSubsequence("3.2", "3.3", "4.1", "14", "15", "closing");
        assertThat(List.of("15", "closing", "4.1", "3.3", "3.2", "5").stream().sorted(ClauseCatalogue.order(a, b)).toList())
                .containsExactly("3.2", "3.3", "4.1", "5", "15", "closing");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtItsLine() {
        String text = """
                preamble:
                  - id: General
                    label: {zh: 一般条件}
                    title: {zh: 一般条件, en: General conditions}
                measures:
                  - measure: 2
                    title: {zh: 二, en: Two}
                    clauses:
                      - id: "2.2"
                        kind: RATE
                        colour: red
                      - id: "2.1"
                        kind: GIFT
                  - measure: 1
                    title: {zh: 一, en: One}
                    clauses:
                      - id: "2.2"
                        kind: SUPPORT
                closing: []
                """;
        assertThat(problems(text)).extracting(RuleProblem::toString).containsExactly(
                "clauses.yaml:2: malformed clause id 'General' in the preamble: a clause outside the measures is named "
                        + "by a lower-case word, such as general or closing",
                "clauses.yaml:3: 'label' needs the words in both languages: label: {zh: …, en: …}",
                "clauses.yaml:11: unknown key 'colour' in a clause of a measure; it may have aggregateScope, base, "
                        + "capScope, id, kind",
                "clauses.yaml:12: clause 2.1 is listed after clause 2.2: list the clauses in the order of the text",
                "clauses.yaml:13: unknown kind 'GIFT' of clause 2.1: RATE, MATCH, DISCRETIONARY or SUPPORT",
                "clauses.yaml:14: measure 1 is listed after measure 2: list the measures in the order of the text",
                "clauses.yaml:17: malformed clause id '2.2' under measure 1: a clause of measure 1 is 1 (the measure's "
                        + "one clause) or 1.K (its K-th part, K from 1)");
        assertThat(problems("measures:\n  - measure: 1\n    title: {zh: 一, en: One}\n    clauses:\n"
                + "      - {id: \"1\", kind: SUPPORT}\n      - {id: \"1\", kind: SUPPORT}\n"))
                .extracting(RuleProblem::toString).contains("clauses.yaml:6: clause id '1' is declared twice: first at line 5");
        assertThat(problems("measures: [")).singleElement().satisfies(p -> assertThat(p.message()).startsWith("malformed YAML"));
        assertThat(problems(null)).singleElement().satisfies(p -> assertThat(p.message()).startsWith("there is no clause catalogue"));
        RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class,
                () -> ClauseCatalogue.of("x", text));
        assertThat(e.problems()).hasSize(7);
    }

    @Test
    void theRulesAreCheckedAgainstTheKindAndTheWordsOfTheirClause() {
        ClauseCatalogue c = ClauseCatalogue.of("rules", SHIPPED.replace(
                "        capScope: {zh: 单个企业, en: per-enterprise}\n        aggregateScope: {zh: 单个企业, en: per enterprise}\n\n"
                        + "  - measure: 4", "\n  - measure: 4"));
        assertThat(c.clause("3.2").capScopeZh()).isNull();
        String drl = """
                rule "3.2 Sales"
                    @clause("3.2")
                when
                    $p : CatalogueProduct( )
                then
                    insert( Claim.rate( kcontext, $p.id(), $p.sales(), "10%", "1,000,000" ) );
                end

                rule "3.2 Capped in all"
                    @clause("3.2")
                when
                then
                    insert( AggregateCap.of( kcontext, "1,000,000" ) );
                end

                rule "5 Money for a support clause"
                    @clause("5")
                when
                    $s : Scenario( )
                then
                    insert( Claim.requested( kcontext, $s.id(), null, "1,000" ) );
                end

                rule "13.2 No cap needs no scope"
                    @clause("13.2")
                when
                    $x : Exhibition( )
                then  insert( Claim.rate( kcontext, $x.id(), $x.boothFee(), "100%", null ) );
                end
                """;
        assertThat(c.check(Map.of("m.drl", RuleOutline.of(drl)))).extracting(RuleProblem::toString).containsExactly(
                "m.drl:21: rule \"5 Money for a support clause\" inserts Claim.requested, a DISCRETIONARY claim, but "
                        + "clauses.yaml:" + c.clause("5").line() + " declares clause 5 SUPPORT",
                "clauses.yaml:" + c.clause("3.2").line() + ": clause 3.2 has no capScope (the scope of its per-item cap), "
                        + "in zh and en, which the explanations of rule \"3.2 Sales\" (m.drl:1) need",
                "clauses.yaml:" + c.clause("3.2").line() + ": clause 3.2 has no aggregateScope (the scope of its "
                        + "aggregate cap), in zh and en, which the explanations of rule \"3.2 Capped in all\" (m.drl:9) need",
                "clauses.yaml:" + c.clause("5").line() + ": clause 5 has no base (what its amounts are computed from), "
                        + "in zh and en, which the explanations of rule \"5 Money for a support clause\" (m.drl:16) need",
                "clauses.yaml:" + c.clause("5").line() + ": clause 5 has no capScope (the scope of its per-item cap), "
                        + "in zh and en, which the explanations of rule \"5 Money for a support clause\" (m.drl:16) need");
    }

    @Test
    void aGeneralConditionThatExemptsAClauseTheCatalogueDoesNotListIsReportedAtItsLine() {
        ClauseCatalogue c = ClauseCatalogue.of("rules", SHIPPED);
        String drl = """
                rule "General: outside the district"
                    @clause("general")
                when
                    Enterprise( locatedInDistrict == false )
                then
                    insert( GeneralConditionUnmet.except( kcontext, "8",
                            "申请人不在闵行区内", "the applicant is not located in Minhang District" ) );
                end

                rule "General: outside the district, renumbered"
                    @clause("general")
                when
                    Enterprise( locatedInDistrict == false )
                then
                    insert( GeneralConditionUnmet.except( kcontext, "8.1", "不在区内", "not in the district" ) );
                end
                """;
        assertThat(c.check(Map.of("m00.drl", RuleOutline.of(drl)))).extracting(RuleProblem::toString).containsExactly(
                "m00.drl:15: rule \"General: outside the district, renumbered\" exempts clause \"8.1\" from a general "
                        + "condition, but clauses.yaml has no clause 8.1");
    }
}
