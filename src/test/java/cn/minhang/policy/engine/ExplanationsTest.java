package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Amounts in explanations read as Java's Formatter writes them ("%,.2f"), for every size and sign. */
class ExplanationsTest {

    @Test
    void yuanGroupsThousandsAndRoundsHalfUpToTheFen() {
        assertThat(Explanations.yuan(new BigDecimal("8000000"))).isEqualTo("8,000,000.00");
        assertThat(Explanations.yuan(new BigDecimal("0.005"))).isEqualTo("0.01");
        assertThat(Explanations.yuan(new BigDecimal("999.994"))).isEqualTo("999.99");
        assertThat(Explanations.yuan(new BigDecimal("999.995"))).isEqualTo("1,000.00");
        assertThat(Explanations.yuan(new BigDecimal("-1234567.5"))).isEqualTo("-1,234,567.50");
        assertThat(Explanations.yuan(BigDecimal.ZERO)).isEqualTo("0.00");
        assertThat(Explanations.yuan(new BigDecimal("100000000000"))).isEqualTo("100,000,000,000.00");
        assertThat(Explanations.exact(new BigDecimal("2999999.994"))).isEqualTo("2,999,999.994");
        assertThat(Explanations.exact(new BigDecimal("123.4500"))).isEqualTo("123.45");
        assertThat(Explanations.exact(new BigDecimal("-0.015"))).isEqualTo("-0.015");
    }

    @Test
    void yuanAndExactWriteWhatTheFormatterWrites() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(-100_000_000_000_000L, 100_000_000_000_000L),
                    random.nextInt(0, 6)).movePointLeft(random.nextInt(0, 4));
            BigDecimal fen = amount.setScale(2, java.math.RoundingMode.HALF_UP);
            assertThat(Explanations.yuan(amount)).as("yuan(%s)", amount)
                    .isEqualTo(String.format(Locale.ROOT, "%,.2f", fen));
            BigDecimal stripped = amount.stripTrailingZeros();
            String expected = stripped.scale() <= 2 ? String.format(Locale.ROOT, "%,.2f", fen)
                    : String.format(Locale.ROOT, "%,." + stripped.scale() + "f", stripped);
            assertThat(Explanations.exact(amount)).as("exact(%s)", amount).isEqualTo(expected);
        }
        for (String edge : List.of("0.001", "0.004", "0.005", "-0.005", "1", "12", "123", "1234", "12345", "123456")) {
            BigDecimal amount = new BigDecimal(edge);
            assertThat(Explanations.yuan(amount)).isEqualTo(String.format(Locale.ROOT, "%,.2f",
                    amount.setScale(2, java.math.RoundingMode.HALF_UP)));
        }
    }
}
