package cn.minhang.policy.mutation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EquivalentMutantsTest {

    @Test
    void finds_a_listed_mutant_by_file_rule_and_change() {
        EquivalentMutants list = EquivalentMutants.parse("t.yaml", """
                equivalent:
                  - file: m15.drl
                    rule: "Closing: r"
                    change: "amount > $a → amount >= $a"
                    reason: >
                      Two awards of the same amount are ordered by the next pattern.
                """);
        Mutant m = new Mutant("m15.drl", 45, "Closing: r", "closing", Mutant.Operator.COMPARISON,
                "amount > $a → amount >= $a", "");
        assertThat(list.find(m).reason()).isEqualTo("Two awards of the same amount are ordered by the next pattern.");
        assertThat(list.find(new Mutant("m15.drl", 45, "Closing: r", "closing", Mutant.Operator.COMPARISON,
                "amount > $a → amount > $a", ""))).isNull();
    }

    @Test
    void refuses_an_entry_without_a_reason_or_listed_twice() {
        assertThatThrownBy(() -> EquivalentMutants.parse("t.yaml", """
                equivalent:
                  - {file: a.drl, rule: r, change: c}
                  - {file: a.drl, rule: r, change: d, reason: x}
                  - {file: a.drl, rule: r, change: d, reason: y}
                """)).hasMessageContaining("equivalent[0] (c) gives no reason")
                .hasMessageContaining("lists a.drl | r | d twice");
    }

    @Test
    void an_empty_list_is_none() {
        assertThat(EquivalentMutants.parse("t.yaml", "equivalent: []\n").entries()).isEmpty();
        assertThat(EquivalentMutants.parse("t.yaml", "# nothing yet\n").entries()).isEmpty();
    }
}
