package cn.minhang.policy.mutation;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrlFileTest {

    @Test
    void reads_each_rule_with_its_name_line_metadata_comment_and_parts() {
        String text = """
                // Header line one.
                // “序言的一句话。”
                package p;

                // 第1条第1款
                // “对……给予支持。”
                rule "1.1 A rule \\"quoted\\""
                    @clause("1.1")
                    @readingZh("默认" + "读法")
                    salience -50
                when
                    A( x > 1 )
                then
                    insert( "end" );
                end

                // not above the next rule: a blank line follows

                rule "closing"
                    @clause("closing")
                when
                then
                end
                """;
        DrlFile drl = DrlFile.parse("m.drl", text);
        assertThat(drl.header()).containsExactly("Header line one.", "“序言的一句话。”");
        assertThat(drl.rules()).hasSize(2);
        DrlFile.Rule first = drl.rules().get(0);
        assertThat(first.name()).isEqualTo("1.1 A rule \"quoted\"");
        assertThat(first.line()).isEqualTo(7);
        assertThat(first.clause()).isEqualTo("1.1");
        assertThat(first.metadata()).containsEntry("readingZh", "默认读法");
        assertThat(first.commentAbove()).containsExactly("第1条第1款", "“对……给予支持。”");
        assertThat(first.commentLine()).isEqualTo(5);
        assertThat(first.lhs()).extracting(DrlFile.Token::text).containsExactly("A", "(", "x", ">", "1", ")");
        assertThat(first.rhs()).extracting(DrlFile.Token::text).containsExactly("insert", "(", "\"end\"", ")", ";");
        DrlFile.Rule second = drl.rules().get(1);
        assertThat(second.commentAbove()).isEmpty();
        assertThat(second.lhs()).isEmpty();
        assertThat(drl.ruleAt(text.indexOf("x > 1"))).isEqualTo(first);
        assertThat(drl.lineOf(text.indexOf("x > 1"))).isEqualTo(12);
    }

    @Test
    void tokens_cover_the_whole_text() {
        String text = "rule \"r\" when A( a >= 1.5, b != 'x' ) /* c */ then end // tail";
        List<DrlFile.Token> tokens = DrlFile.tokenize(text);
        StringBuilder joined = new StringBuilder();
        tokens.forEach(t -> joined.append(t.text()));
        assertThat(joined.toString()).isEqualTo(text);
        assertThat(tokens).filteredOn(t -> t.kind() == DrlFile.Kind.NUMBER).extracting(DrlFile.Token::text)
                .containsExactly("1.5");
        assertThat(tokens).filteredOn(t -> t.kind() == DrlFile.Kind.OPERATOR).extracting(DrlFile.Token::text)
                .containsExactly(">=", "!=");
    }
}
