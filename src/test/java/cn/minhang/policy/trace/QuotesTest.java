package cn.minhang.policy.trace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotesTest {

    @Test
    void finds_the_outer_quotations_of_a_comment_even_across_lines_and_with_inner_quotation_marks() {
        assertThat(Quotes.in("“本政策自2025年*月*日起施行。政策施行期间，\n 按照“从优、就高、不重复”原则执行。” — note “区内企业”"))
                .containsExactly("本政策自2025年*月*日起施行。政策施行期间，按照“从优、就高、不重复”原则执行。", "区内企业");
    }

    @Test
    void a_quotation_is_found_in_a_sentence_piece_by_piece_with_any_quotation_marks() {
        String sentence = "政策施行期间，与国家、本市、区其他政策有重复的，按照“从优、就高、不重复”原则执行。";
        assertThat(Quotes.foundIn("与国家、本市、区其他政策有重复的，按照‘从优、就高、不重复’原则执行。", sentence)).isTrue();
        assertThat(Quotes.foundIn("政策施行期间……原则执行", sentence)).isTrue();
        assertThat(Quotes.foundIn("原则执行……政策施行期间", sentence)).as("pieces in order").isFalse();
        assertThat(Quotes.foundIn("最高不超过300万元", sentence)).isFalse();
    }

    @Test
    void a_quotation_spanning_two_sentences_is_split_at_the_full_stop() {
        assertThat(Quotes.sentencesOf("本政策自2025年*月*日起施行。政策施行期间，按照“从优”原则执行。"))
                .containsExactly("本政策自2025年*月*日起施行", "政策施行期间，按照从优原则执行");
    }
}
