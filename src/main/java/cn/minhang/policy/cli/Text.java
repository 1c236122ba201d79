package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.util.List;

import cn.minhang.policy.engine.Explanations;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.Status;

/** Text for people: aligned columns that count a Chinese character as two columns, amounts, labels. */
final class Text {
    private Text() {
    }

    /** The Chinese or the English text. */
    static String t(Language language, String zh, String en) {
        return language == Language.EN ? en : zh;
    }

    /** "2,400,000.00". */
    static String yuan(BigDecimal amount) {
        return Explanations.yuan(amount);
    }

    /** "-500,000.00" or "+500,000.00" (zero as "0.00"). */
    static String signedYuan(BigDecimal amount) {
        return amount.signum() > 0 ? "+" + yuan(amount) : yuan(amount);
    }

    /** The columns a terminal gives the text: East Asian wide and full-width characters take two. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return width;
    }

    private static boolean wide(int cp) {
        return cp >= 0x1100 && (cp <= 0x115F || cp == 0x2329 || cp == 0x232A
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x20000 && cp <= 0x3FFFD));
    }

    static String padRight(String text, int width) {
        return text + " ".repeat(Math.max(0, width - width(text)));
    }

    static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - width(text))) + text;
    }

    /**
     * Rows as aligned columns separated by two spaces; {@code right[i]} right-aligns column i. The last column
     * carries no trailing spaces.
     */
    static List<String> table(List<String[]> rows, boolean... right) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        return rows.stream().map(row -> {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean alignRight = i < right.length && right[i];
                String cell = alignRight ? padLeft(row[i], widths[i])
                        : i == row.length - 1 ? row[i] : padRight(row[i], widths[i]);
                line.append(i == 0 ? "" : "  ").append(cell);
            }
            return line.toString().stripTrailing();
        }).toList();
    }

    static String status(Status status, Language language) {
        return switch (status) {
            case GRANTED -> t(language, "给予", "granted");
            case CAPPED -> t(language, "按上限给予", "capped");
            case EXCLUDED -> t(language, "不重复支持", "excluded");
            case NOT_ELIGIBLE -> t(language, "不予支持", "not eligible");
            case SUPPORT -> t(language, "政策支持", "support");
            case CEILING -> t(language, "经评审确定", "set by review");
            case AGGREGATE_CAP -> t(language, "总额核减", "aggregate cap");
        };
    }
}
