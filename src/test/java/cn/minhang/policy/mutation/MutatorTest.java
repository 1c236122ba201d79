package cn.minhang.policy.mutation;

import java.util.List;

import cn.minhang.policy.mutation.Mutant.Operator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MutatorTest {
    private static final String DRL = """
            // 第9条第9款
            // “对……给予不超过30%、最高不超过300万元支持。”
            package cn.minhang.policy.rules;

            import cn.minhang.policy.model.*;

            rule "9.9 A product over 100 gets 30%, at most 3,000,000; written 2025-01-01"
                @clause("9.9")
                @readingZh("默认 50% 与 2,000,000")
                salience -50
            when
                $p : ProductRnd( ownIp == true, rndInvestment > 100B ) // "40%" in a comment
                not OtherAward( subject == $p.id, amount >= 7 || amount < 2 )
                exists Purchase( amount <= 5 )
            then
                insert( Claim.rate( kcontext, $p.id(), $p.rndInvestment(), "30%", "3,000,000" ) );
                insert( PolicyPeriod.of( kcontext, "2025-01-01", "2027-12-31" ) );
                System.out.println( "30% of 3,000,000 in 2025" );
            end
            """;

    private static List<String> changes(List<Mutant> mutants, Operator op) {
        return mutants.stream().filter(m -> m.operator() == op).map(Mutant::change).toList();
    }

    @Test
    void moves_every_number_of_the_conditions_and_the_consequence_by_one_unit_up_and_down() {
        List<Mutant> mutants = Mutator.mutants("m99.drl", DRL);
        assertThat(changes(mutants, Operator.NUMBER_UP)).containsExactly("100B → 101B", "7 → 8", "2 → 3", "5 → 6",
                "\"30%\" → \"31%\"", "\"3,000,000\" → \"3,000,001\"", "\"2025-01-01\" → \"2025-01-02\"",
                "\"2027-12-31\" → \"2028-01-01\"");
        assertThat(changes(mutants, Operator.NUMBER_DOWN)).containsExactly("100B → 99B", "7 → 6", "2 → 1", "5 → 4",
                "\"30%\" → \"29%\"", "\"3,000,000\" → \"2,999,999\"", "\"2025-01-01\" → \"2024-12-31\"",
                "\"2027-12-31\" → \"2027-12-30\"");
    }

    @Test
    void never_touches_comments_rule_names_metadata_attributes_or_messages() {
        List<String> untouchable = List.of("// “对……给予不超过30%、最高不超过300万元支持。”",
                "rule \"9.9 A product over 100 gets 30%, at most 3,000,000; written 2025-01-01\"",
                "@clause(\"9.9\")", "@readingZh(\"默认 50% 与 2,000,000\")", "salience -50", "// \"40%\" in a comment",
                "\"30% of 3,000,000 in 2025\"");
        List<Mutant> mutants = Mutator.mutants("m99.drl", DRL);
        assertThat(mutants).hasSize(37);
        for (Mutant m : mutants) {
            if (m.operator() != Operator.REMOVE_RULE) {
                assertThat(m.text()).contains(untouchable);
            }
        }
    }

    @Test
    void flips_and_loosens_every_comparison() {
        assertThat(changes(Mutator.mutants("m99.drl", DRL), Operator.COMPARISON)).containsExactly(
                "ownIp == true → ownIp != true",
                "rndInvestment > 100B → rndInvestment >= 100B",
                "subject == $p.id → subject != $p.id",
                "amount >= 7 || amount < 2 → amount > 7 || amount < 2",
                "amount >= 7 || amount < 2 → amount >= 7 || amount <= 2",
                "amount <= 5 → amount < 5");
    }

    @Test
    void negates_and_drops_each_condition_but_not_a_pattern_that_binds_a_variable() {
        List<Mutant> mutants = Mutator.mutants("m99.drl", DRL);
        assertThat(changes(mutants, Operator.NEGATE_CONDITION)).containsExactly(
                "rndInvestment > 100B → !( rndInvestment > 100B )",
                "not OtherAward( subject == $p.id, amount >= 7 || amount < 2 ) → OtherAward( subject == $p.id, amount >= 7 || amount < 2 )",
                "amount >= 7 || amount < 2 → !( amount >= 7 || amount < 2 )",
                "exists Purchase( amount <= 5 ) → not Purchase( amount <= 5 )",
                "amount <= 5 → !( amount <= 5 )");
        assertThat(changes(mutants, Operator.DROP_CONDITION)).containsExactly(
                "drop ownIp == true",
                "drop rndInvestment > 100B",
                "drop not OtherAward( subject == $p.id, amount >= 7 || amount < 2 )",
                "drop subject == $p.id",
                "drop amount >= 7 || amount < 2",
                "drop amount >= 7 from amount >= 7 || amount < 2",
                "drop amount < 2 from amount >= 7 || amount < 2",
                "drop exists Purchase( amount <= 5 )",
                "drop amount <= 5");
        Mutant dropOwnIp = mutants.stream().filter(m -> m.change().equals("drop ownIp == true")).findFirst().orElseThrow();
        assertThat(dropOwnIp.text()).contains("$p : ProductRnd( rndInvestment > 100B )");
        Mutant dropLast = mutants.stream().filter(m -> m.change().equals("drop amount < 2 from amount >= 7 || amount < 2"))
                .findFirst().orElseThrow();
        assertThat(dropLast.text()).contains("not OtherAward( subject == $p.id, amount >= 7 )");
    }

    @Test
    void drops_each_value_of_a_membership_list() {
        String drl = """
                rule "r"
                    @clause("4.1")
                when
                    $i : EquipmentInvestment( sector not in ( Sector.A, Sector.B,
                                                              Sector.C ) )
                then
                end
                """;
        List<Mutant> mutants = Mutator.mutants("m04.drl", drl);
        assertThat(changes(mutants, Operator.DROP_CONDITION)).containsExactly(
                "drop sector not in ( Sector.A, Sector.B, Sector.C )",
                "drop Sector.A from sector not in ( … )",
                "drop Sector.B from sector not in ( … )",
                "drop Sector.C from sector not in ( … )");
        assertThat(mutants.stream().filter(m -> m.change().equals("drop Sector.C from sector not in ( … )"))
                .findFirst().orElseThrow().text()).contains("sector not in ( Sector.A, Sector.B )");
        assertThat(mutants.stream().filter(m -> m.change().equals("drop Sector.C from sector not in ( … )"))
                .findFirst().orElseThrow().line()).isEqualTo(5);
    }

    @Test
    void removes_each_rule_keeping_the_lines_of_the_rest() {
        List<Mutant> removed = Mutator.mutants("m99.drl", DRL).stream()
                .filter(m -> m.operator() == Operator.REMOVE_RULE).toList();
        assertThat(removed).hasSize(1);
        assertThat(removed.get(0).text()).doesNotContain("rule \"").contains("package cn.minhang.policy.rules;");
        assertThat(removed.get(0).text().split("\n", -1)).hasSameSizeAs(DRL.split("\n", -1));
    }

    @Test
    void names_each_mutant_by_file_rule_line_and_change_uniquely() {
        String twice = """
                rule "r"
                    @clause("1.1")
                when
                    A( x == 1 )
                    B( x == 1 )
                then
                end
                """;
        List<Mutant> mutants = Mutator.mutants("m98.drl", twice);
        assertThat(mutants).extracting(Mutant::key).doesNotHaveDuplicates();
        assertThat(mutants).extracting(Mutant::change).contains("x == 1 → x != 1", "x == 1 → x != 1 (#2)");
        Mutant second = mutants.stream().filter(m -> m.change().equals("x == 1 → x != 1 (#2)")).findFirst().orElseThrow();
        assertThat(second.location()).isEqualTo("m98.drl:5");
        assertThat(second.clause()).isEqualTo("1.1");
    }

    @Test
    void keeps_rates_within_0_and_100_percent_and_amounts_above_zero() {
        assertThat(Mutator.movedString("100%")).extracting(a -> a[1]).containsExactly("99%");
        assertThat(Mutator.movedString("0%")).extracting(a -> a[1]).containsExactly("1%");
        assertThat(Mutator.movedString("12.5%")).extracting(a -> a[1]).containsExactly("12.6%", "12.4%");
        assertThat(Mutator.movedString("0")).extracting(a -> a[1]).containsExactly("1");
        assertThat(Mutator.movedString("1,000")).extracting(a -> a[1]).containsExactly("1,001", "999");
        assertThat(Mutator.movedString("2,500,000.50")).extracting(a -> a[1]).containsExactly("2,500,000.51", "2,500,000.49");
        assertThat(Mutator.movedString("2027-02-29")).isEmpty();
        assertThat(Mutator.movedString("2024-02-29")).extracting(a -> a[1]).containsExactly("2024-03-01", "2024-02-28");
        assertThat(Mutator.movedString("申请人不在闵行区内")).isEmpty();
        assertThat(Mutator.movedString("30% of 300")).isEmpty();
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
