package cn.minhang.policy.io;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConstantTextsTest {

    @Test
    void aTextMetAgainAsTheSameInstanceIsServedAsItsQuotedUtf8() {
        ConstantTexts texts = new ConstantTexts();
        String rule = "1.1 A product without \"own\" IP\tis not eligible：产品未形成自主知识产权";
        assertThat(texts.get(rule)).as("met once").isNull();
        assertThat(texts.get(rule)).isNotNull();
        assertThat(new String(texts.get(rule).asQuotedUTF8(), StandardCharsets.UTF_8))
                .isEqualTo("1.1 A product without \\\"own\\\" IP\\tis not eligible：产品未形成自主知识产权");
        assertThat(texts.get(rule).getValue()).isSameAs(rule);
    }

    @Test
    void aTextBuiltForEachDecisionIsNeverKept() {
        ConstantTexts texts = new ConstantTexts();
        for (int i = 0; i < 100_000; i++) {
            String built = "the R&D investment " + (i % 10) + " is below the threshold";
            assertThat(texts.get(built)).isNull();
            assertThat(texts.get(new String(built))).as("the same text, another instance").isNull();
        }
    }

    @Test
    void aTooLongTextIsNotKept() {
        ConstantTexts texts = new ConstantTexts();
        String longText = "长".repeat(ConstantTexts.LONGEST + 1);
        texts.get(longText);
        assertThat(texts.get(longText)).isNull();
    }
}
