package cn.minhang.policy.model;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The limits on what an application may contain, and the checks of the text it carries. A document or an
 * application beyond a limit is rejected with a {@link Problem}, never read or evaluated in part. The limits are
 * set far above any real application (a real one has tens of facts and names of tens of characters) and far
 * below what would harm the host: see {@code docs/reliability.md}.
 */
public final class Limits {
    /** The largest application document read, in bytes of UTF-8 (and in characters of a string). */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** The deepest nesting of objects and lists in a document; an application needs 4, a spec file 8. */
    public static final int MAX_NESTING_DEPTH = 20;
    /** The most tokens (field names, values, brackets) a JSON document may hold. */
    public static final int MAX_TOKENS = 200_000;
    /** The longest number written in a document, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** The longest amount written as a string, in characters ("100000000000.00" has 15). */
    public static final int MAX_AMOUNT_TEXT_LENGTH = 64;
    /** The most facts (items of every list of the application together) one application may have. */
    public static final int MAX_FACTS = 1_000;
    /** The most items of any one list, facts or names. */
    public static final int MAX_LIST_ITEMS = MAX_FACTS;
    /** The longest id, name or other text, in characters (code points). */
    public static final int MAX_TEXT_LENGTH = 200;
    /**
     * The most alternatives weighed where an aggregate cap binds (从优 with the cap in view): over the subjects whose
     * award must be chosen together under a binding cap, the candidate awards beyond each subject's first. The
     * exact choice compares at most 2 to this power complete choices (about a million). Checked when the
     * application is evaluated, since which caps bind depends on the rules; see {@code docs/reliability.md}.
     */
    public static final int MAX_WEIGHED_ALTERNATIVES = 20;
    /** The most problems reported for one document; the rest are counted, not listed. */
    public static final int MAX_PROBLEMS = 200;

    /**
     * An amount or a rate as text: digits with an optional sign and decimals, no exponent, no grouping (which the
     * rules' own literals may use and drop before this check). The one form both an application and a rule file
     * may write a decimal in.
     */
    public static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

    private static final int QUOTED = 60;

    private Limits() {
    }

    /**
     * What is wrong with a text value (an id, a name): too long, or containing a character that is not printable
     * text — a control character (U+0000–U+001F, U+007F–U+009F), a line or paragraph separator, a bidirectional
     * override or isolate (which can make an explanation read differently from what it says), or half of a
     * surrogate pair. Null when it is fine.
     */
    public static String textProblem(String text) {
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT_LENGTH) {
            return "is " + length + " characters long; at most " + MAX_TEXT_LENGTH + " are allowed";
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (forbidden(c)) {
                return "contains the character U+" + String.format("%04X", c) + " at position "
                        + (text.codePointCount(0, i) + 1) + "; only printable text is allowed (no control characters)";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean forbidden(int c) {
        return Character.getType(c) == Character.CONTROL
                || Character.isSurrogate((char) c) && c <= 0xFFFF
                || c == 0x2028 || c == 0x2029
                || c >= 0x202A && c <= 0x202E
                || c >= 0x2066 && c <= 0x2069
                || c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
    }

    /**
     * A text as it may be quoted in a message: control characters escaped, cut to a readable length. Messages
     * must not carry a megabyte of input or a terminal escape sequence back to the caller.
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (shown == QUOTED) {
                out.append("…\" (").append(text.codePointCount(0, text.length())).append(" characters)");
                return out.toString();
            }
            if (forbidden(c) || c == '"' || c == '\\') {
                out.append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
            shown++;
            i += Character.charCount(c);
        }
        return out.append('"').toString();
    }

    /**
     * An amount as it may be shown in a message. {@code 1E+400} stays in scientific notation: its plain form has
     * 400 digits (and that of {@code 1E+999999999} would exhaust the memory).
     */
    public static String show(BigDecimal amount) {
        int integerDigits = amount.precision() - amount.scale();
        if (integerDigits > 30 || amount.scale() > 30) {
            return amount.toString();
        }
        return amount.toPlainString();
    }
}
