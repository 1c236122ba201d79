package cn.minhang.policy.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import cn.minhang.policy.trace.PolicyText.Kind;
import cn.minhang.policy.trace.PolicyText.Sentence;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTextTest {
    static final Path SEED = Path.of("seeds", "minhang-embodied-ai-policy-draft.zh.txt");

    @Test
    void the_sentences_cover_every_character_of_the_seed_text_in_order() throws IOException {
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        List<Sentence> sentences = PolicyText.parse(text).sentences();
        StringBuilder joined = new StringBuilder();
        sentences.forEach(s -> joined.append(s.text()));
        assertThat(joined.toString()).isEqualTo(PolicyText.clean(text).replaceAll("\\s", ""));
    }

    @Test
    void splits_the_title_preamble_measures_and_closing_paragraph() throws IOException {
        List<Sentence> sentences = PolicyText.parse(Files.readString(SEED, StandardCharsets.UTF_8)).sentences();
        assertThat(sentences.get(0)).isEqualTo(new Sentence("title-1", Kind.TITLE, 0, 1,
                "闵行区推进具身智能产业高质量创新发展的若干政策措施", 1));
        assertThat(sentences.get(1).text()).isEqualTo("（征求意见稿）");
        assertThat(sentences.get(2).kind()).isEqualTo(Kind.PREAMBLE);
        assertThat(sentences).filteredOn(s -> s.kind() == Kind.HEADING).extracting(Sentence::measure)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        Sentence nine = sentences.stream().filter(s -> s.id().equals("9-0")).findFirst().orElseThrow();
        assertThat(nine.text()).isEqualTo("9.打造具身智能产业集聚区。");
        assertThat(sentences).filteredOn(s -> s.kind() == Kind.CLOSING).extracting(Sentence::text).containsExactly(
                "本政策自2025年*月*日起施行，有效期至2027年*月*日。",
                "政策施行期间，与国家、本市、区其他政策有重复的，按照“从优、就高、不重复”原则执行。");
        Sentence rnd = sentences.stream().filter(s -> s.id().equals("1-2")).findFirst().orElseThrow();
        assertThat(rnd.text()).isEqualTo("对形成自主知识产权并取得市场销售的产品，给予不超过研发投入的30%、最高不超过300万元支持。");
    }

    @Test
    void a_full_stop_inside_quotation_marks_does_not_end_a_sentence() {
        assertThat(PolicyText.split("甲说“好。”然后走了。乙。")).containsExactly("甲说“好。”然后走了。", "乙。");
    }
}
