package cn.minhang.policy.mutation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.minhang.policy.mutation.DrlFile.Kind;
import cn.minhang.policy.mutation.DrlFile.Rule;
import cn.minhang.policy.mutation.DrlFile.Token;
import cn.minhang.policy.mutation.Mutant.Operator;

/**
 * Makes the mutants of one rule file. Only a rule's conditions (between {@code when} and {@code then}) and its
 * consequence (between {@code then} and {@code end}) are changed: comments, rule names, attributes such as
 * {@code salience} and {@code @metadata} never are.
 *
 * <ul>
 *   <li><b>Numbers</b>, bare ({@code amount > 0}) or written as text for the engine ({@code "30%"},
 *       {@code "3,000,000"}, {@code "2025-01-01"}, {@code "8"}), each moved up and down by one unit of its last
 *       digit: 30% → 31% / 29%, 3,000,000 → 3,000,001 / 2,999,999, 2025-01-01 → 2025-01-02 / 2024-12-31. These
 *       are the smallest changes a number can take, so only a spec that sits on the boundary catches them: a
 *       cap is caught by a case whose amount is cut to the cap (one yuan more or less shows in the amount), a
 *       rate by any case it grants uncapped, a date by a case dated on the first or last day. A string is a
 *       number only if all of it is one: a message that mentions a number is left alone. A rate is not moved
 *       past 0% or 100%, an amount not below 0 (the engine rejects those).</li>
 *   <li><b>Comparisons</b>: {@code >} ↔ {@code >=}, {@code <} ↔ {@code <=}, {@code ==} ↔ {@code !=}.</li>
 *   <li><b>Conditions</b>: every constraint of a pattern negated ({@code !( … )}; for a lone {@code ==} or
 *       {@code !=} the comparison change already is its negation) and dropped; each side of a top-level
 *       {@code ||} or {@code &&} dropped; every top-level pattern negated ({@code not} added or removed,
 *       {@code exists} → {@code not}) and dropped, unless it binds a variable (the rule would not compile).</li>
 *   <li><b>Rules</b>: each rule removed.</li>
 * </ul>
 */
public final class Mutator {
    private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=", "==", "!=");
    private static final Map<String, String> FLIP = Map.of(">", ">=", ">=", ">", "<", "<=", "<=", "<", "==", "!=",
            "!=", "==");
    private static final Set<String> CONDITION_WORDS = Set.of("matches", "memberOf", "contains", "in", "soundslike",
            "str", "excludes", "not");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern BARE = Pattern.compile("([\\d_]+(?:\\.\\d+)?)([BbIiLlDdFf]?)");

    private final String source;

    private Mutator(String source) {
        this.source = source;
    }

    /** Every mutant of one file, in the order of the text; two changes that give the same text count once. */
    public static List<Mutant> mutants(String fileName, String text) {
        return new Mutator(text).all(fileName);
    }

    private List<Mutant> all(String fileName) {
        String text = source;
        DrlFile drl = DrlFile.parse(fileName, text);
        List<Mutant> out = new ArrayList<>();
        Set<String> texts = new HashSet<>();
        for (Rule rule : drl.rules()) {
            List<Edit> edits = new ArrayList<>();
            numbers(rule, edits);
            comparisons(rule, edits);
            constraints(rule, edits);
            patterns(rule, edits);
            edits.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start)
                    : Integer.compare(a.operator.ordinal(), b.operator.ordinal()));
            edits.add(removal(drl, rule));
            Map<String, Integer> seen = new HashMap<>();
            for (Edit e : edits) {
                String mutated = text.substring(0, e.start) + e.replacement + text.substring(e.end);
                if (mutated.equals(text) || !texts.add(mutated)) {
                    continue;
                }
                int n = seen.merge(e.change, 1, Integer::sum);
                String change = n == 1 ? e.change : e.change + " (#" + n + ")";
                out.add(new Mutant(fileName, drl.lineOf(e.at), rule.name(), rule.clause(), e.operator, change, mutated));
            }
        }
        return out;
    }

    /** A change of the characters {@code start..end} to {@code replacement}; {@code at} is where it is reported. */
    private record Edit(Operator operator, int start, int end, String replacement, int at, String change) {
    }

    // ---------------------------------------------------------------------------------------------------------
    // Numbers

    private static void numbers(Rule rule, List<Edit> edits) {
        for (List<Token> part : List.of(rule.lhs(), rule.rhs())) {
            for (Token t : part) {
                List<String[]> moved = t.kind() == Kind.STRING ? movedString(t.stringValue())
                        : t.kind() == Kind.NUMBER ? movedBare(t.text()) : List.of();
                for (String[] m : moved) {
                    String replacement = t.kind() == Kind.STRING ? quote(t.text().charAt(0), m[1]) : m[1];
                    Operator op = m[0].equals("up") ? Operator.NUMBER_UP : Operator.NUMBER_DOWN;
                    edits.add(new Edit(op, t.start(), t.end(), replacement, t.start(), t.text() + " → " + replacement));
                }
            }
        }
    }

    /** {"up", text} and {"down", text} for a string that is wholly a number, a percentage or a date. */
    static List<String[]> movedString(String value) {
        List<String[]> out = new ArrayList<>();
        Matcher percent = PERCENT.matcher(value);
        if (percent.matches()) {
            BigDecimal p = new BigDecimal(percent.group(1));
            BigDecimal unit = BigDecimal.ONE.movePointLeft(p.scale());
            BigDecimal up = p.add(unit);
            BigDecimal down = p.subtract(unit);
            if (up.compareTo(BigDecimal.valueOf(100)) <= 0) {
                out.add(new String[] {"up", up.toPlainString() + "%"});
            }
            if (down.signum() >= 0) {
                out.add(new String[] {"down", down.toPlainString() + "%"});
            }
            return out;
        }
        if (DATE.matcher(value).matches()) {
            try {
                LocalDate d = LocalDate.parse(value);
                out.add(new String[] {"up", d.plusDays(1).toString()});
                out.add(new String[] {"down", d.minusDays(1).toString()});
            } catch (DateTimeParseException e) {
                // not a date after all
            }
            return out;
        }
        boolean grouped = GROUPED.matcher(value).matches();
        if (grouped || PLAIN.matcher(value).matches()) {
            BigDecimal a = new BigDecimal(value.replace(",", ""));
            BigDecimal unit = BigDecimal.ONE.movePointLeft(a.scale());
            out.add(new String[] {"up", format(a.add(unit), grouped)});
            BigDecimal down = a.subtract(unit);
            if (down.signum() >= 0) {
                out.add(new String[] {"down", format(down, grouped)});
            }
        }
        return out;
    }

    /** {"up", text} and {"down", text} for a numeric literal of the code ({@code 0}, {@code 100B}, {@code 2025}). */
    static List<String[]> movedBare(String literal) {
        Matcher m = BARE.matcher(literal);
        if (!m.matches() || literal.contains("e") || literal.contains("E")) {
            return List.of();
        }
        BigDecimal a = new BigDecimal(m.group(1).replace("_", ""));
        BigDecimal unit = BigDecimal.ONE.movePointLeft(a.scale());
        return List.of(new String[] {"up", a.add(unit).toPlainString() + m.group(2)},
                new String[] {"down", a.subtract(unit).toPlainString() + m.group(2)});
    }

    private static String format(BigDecimal value, boolean grouped) {
        if (!grouped) {
            return value.toPlainString();
        }
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(Math.max(0, value.scale()));
        f.setMaximumFractionDigits(Math.max(0, value.scale()));
        f.setRoundingMode(RoundingMode.UNNECESSARY);
        return f.format(value);
    }

    private static String quote(char q, String s) {
        return q + s.replace("\\", "\\\\").replace(String.valueOf(q), "\\" + q) + q;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Comparisons

    private void comparisons(Rule rule, List<Edit> edits) {
        for (List<Token> part : List.of(rule.lhs(), rule.rhs())) {
            for (int i = 0; i < part.size(); i++) {
                Token t = part.get(i);
                if (t.kind() != Kind.OPERATOR || !COMPARISONS.contains(t.text())) {
                    continue;
                }
                if (part == rule.rhs() && looksGeneric(part, i)) {
                    continue;
                }
                String replacement = FLIP.get(t.text());
                int[] seg = segment(part, i);
                String before = text(part, seg[0], seg[1]);
                String after = textReplacing(part, seg[0], seg[1], i, replacement);
                edits.add(new Edit(Operator.COMPARISON, t.start(), t.end(), replacement, t.start(),
                        before + " → " + after));
            }
        }
    }

    /** {@code List<String>} in a consequence is a type, not a comparison. */
    private static boolean looksGeneric(List<Token> part, int i) {
        Token t = part.get(i);
        if (t.is("<")) {
            return i > 0 && part.get(i - 1).kind() == Kind.IDENT && Character.isUpperCase(part.get(i - 1).text().charAt(0))
                    && i + 1 < part.size() && part.get(i + 1).kind() == Kind.IDENT
                    && Character.isUpperCase(part.get(i + 1).text().charAt(0));
        }
        if (t.is(">")) {
            return i > 0 && part.get(i - 1).kind() == Kind.IDENT && Character.isUpperCase(part.get(i - 1).text().charAt(0))
                    && i + 1 < part.size() && (part.get(i + 1).kind() == Kind.IDENT || part.get(i + 1).is("(")
                    || part.get(i + 1).is(">"));
        }
        return false;
    }

    /** The token range around {@code i} up to the nearest {@code , ; ( )} of the same depth: the constraint. */
    private static int[] segment(List<Token> part, int i) {
        int from = i;
        int depth = 0;
        while (from > 0) {
            Token p = part.get(from - 1);
            if (p.is(")") || p.is("]") || p.is("}")) {
                depth++;
            } else if (p.is("(") || p.is("[") || p.is("{")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (p.is(",") || p.is(";"))) {
                break;
            }
            from--;
        }
        int to = i;
        depth = 0;
        while (to < part.size() - 1) {
            Token p = part.get(to + 1);
            if (p.is("(") || p.is("[") || p.is("{")) {
                depth++;
            } else if (p.is(")") || p.is("]") || p.is("}")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (p.is(",") || p.is(";"))) {
                break;
            }
            to++;
        }
        return new int[] {from, to};
    }

    // ---------------------------------------------------------------------------------------------------------
    // Constraints of a pattern

    private void constraints(Rule rule, List<Edit> edits) {
        List<Token> lhs = rule.lhs();
        for (int k = 0; k + 1 < lhs.size(); k++) {
            if (!isPatternType(lhs, k)) {
                continue;
            }
            int open = k + 1;
            int close = DrlFile.matching(lhs, open);
            List<int[]> parts = split(lhs, open + 1, close - 1, Set.of(","));
            for (int p = 0; p < parts.size(); p++) {
                int a = parts.get(p)[0];
                int b = parts.get(p)[1];
                if (a > b || hasBinding(lhs, a, b)) {
                    continue;
                }
                String before = text(lhs, a, b);
                if (!isLoneEquality(lhs, a, b)) {
                    edits.add(new Edit(Operator.NEGATE_CONDITION, lhs.get(a).start(), lhs.get(b).end(),
                            "!( " + rawText(lhs, a, b) + " )", lhs.get(a).start(), before + " → !( " + before + " )"));
                }
                int[] span = dropSpan(lhs, parts, p, open, close);
                edits.add(new Edit(Operator.DROP_CONDITION, span[0], span[1], "", lhs.get(a).start(),
                        "drop " + before));
                members(lhs, a, b, before, edits);
                List<int[]> operands = split(lhs, a, b, Set.of("||", "&&"));
                if (operands.size() > 1) {
                    for (int o = 0; o < operands.size(); o++) {
                        int[] os = operands.get(o);
                        int start = o + 1 < operands.size() ? lhs.get(os[0]).start()
                                : lhs.get(operands.get(o - 1)[1]).end();
                        int end = o + 1 < operands.size() ? lhs.get(operands.get(o + 1)[0]).start()
                                : lhs.get(os[1]).end();
                        edits.add(new Edit(Operator.DROP_CONDITION, start, end, "", lhs.get(os[0]).start(),
                                "drop " + text(lhs, os[0], os[1]) + " from " + before));
                    }
                }
            }
        }
    }

    /** Each value of an {@code in ( … )} or {@code not in ( … )} list of two or more values, dropped. */
    private void members(List<Token> lhs, int a, int b, String constraint, List<Edit> edits) {
        for (int i = a; i < b; i++) {
            if (!(lhs.get(i).kind() == Kind.IDENT && lhs.get(i).text().equals("in") && lhs.get(i + 1).is("("))) {
                continue;
            }
            int open = i + 1;
            int close = DrlFile.matching(lhs, open);
            List<int[]> values = split(lhs, open + 1, close - 1, Set.of(","));
            if (values.size() < 2) {
                continue;
            }
            String list = text(lhs, a, i) + " ( … )";
            for (int v = 0; v < values.size(); v++) {
                int[] span = dropSpan(lhs, values, v, open, close);
                edits.add(new Edit(Operator.DROP_CONDITION, span[0], span[1], "", lhs.get(values.get(v)[0]).start(),
                        "drop " + text(lhs, values.get(v)[0], values.get(v)[1]) + " from " + list));
            }
        }
    }

    /** An upper-case name followed by "(" that is not a constructor call or a method: a pattern's type. */
    private static boolean isPatternType(List<Token> lhs, int k) {
        Token t = lhs.get(k);
        if (t.kind() != Kind.IDENT || !Character.isUpperCase(t.text().charAt(0)) || !lhs.get(k + 1).is("(")) {
            return false;
        }
        return k == 0 || !(lhs.get(k - 1).is("new") || lhs.get(k - 1).is("."));
    }

    /** A constraint that binds a variable ({@code $x : field}): removing or negating it breaks the rule. */
    private static boolean hasBinding(List<Token> code, int a, int b) {
        for (int i = a; i < b; i++) {
            if (code.get(i).kind() == Kind.IDENT && code.get(i).text().startsWith("$") && code.get(i + 1).is(":")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoneEquality(List<Token> code, int a, int b) {
        int comparisons = 0;
        boolean equality = false;
        for (int i = a; i <= b; i++) {
            Token t = code.get(i);
            if (t.kind() == Kind.OPERATOR && (COMPARISONS.contains(t.text()) || t.is("&&") || t.is("||") || t.is("!"))) {
                comparisons++;
                equality = t.is("==") || t.is("!=");
            } else if (t.kind() == Kind.IDENT && CONDITION_WORDS.contains(t.text())) {
                comparisons++;
            }
        }
        return comparisons == 1 && equality;
    }

    /** The characters to remove with constraint {@code p}: it and the comma that joins it to its neighbour. */
    private static int[] dropSpan(List<Token> code, List<int[]> parts, int p, int open, int close) {
        int a = parts.get(p)[0];
        int b = parts.get(p)[1];
        if (parts.size() == 1) {
            return new int[] {code.get(a).start(), code.get(b).end()};
        }
        if (p + 1 < parts.size()) {
            return new int[] {code.get(a).start(), code.get(parts.get(p + 1)[0]).start()};
        }
        return new int[] {code.get(parts.get(p - 1)[1]).end(), code.get(b).end()};
    }

    /** Splits tokens {@code a..b} at the separators of depth 0 into inclusive token ranges. */
    private static List<int[]> split(List<Token> code, int a, int b, Set<String> separators) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        int start = a;
        for (int i = a; i <= b; i++) {
            Token t = code.get(i);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            } else if (depth == 0 && separators.contains(t.text()) && t.kind() != Kind.STRING) {
                out.add(new int[] {start, i - 1});
                start = i + 1;
            }
        }
        if (start <= b) {
            out.add(new int[] {start, b});
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Patterns

    private void patterns(Rule rule, List<Edit> edits) {
        List<Token> lhs = rule.lhs();
        int depth = 0;
        for (int k = 0; k < lhs.size(); k++) {
            Token t = lhs.get(k);
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
                continue;
            }
            if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
                continue;
            }
            if (depth != 0 || k + 1 >= lhs.size() || !isPatternType(lhs, k)) {
                continue;
            }
            int close = DrlFile.matching(lhs, k + 1);
            int first = k;
            boolean bound = false;
            if (first >= 2 && lhs.get(first - 1).is(":") && lhs.get(first - 2).text().startsWith("$")) {
                first -= 2;
                bound = true;
            }
            String keyword = first >= 1 && (lhs.get(first - 1).is("not") || lhs.get(first - 1).is("exists"))
                    ? lhs.get(first - 1).text() : null;
            if (keyword != null) {
                first--;
            }
            boolean from = close + 1 < lhs.size() && lhs.get(close + 1).is("from");
            if (from || bound || hasBinding(lhs, k + 2, close)) {
                k = close;
                continue;
            }
            String pattern = text(lhs, k, close);
            String whole = text(lhs, first, close);
            int start = lhs.get(first).start();
            int end = lhs.get(close).end();
            if (keyword == null) {
                edits.add(new Edit(Operator.NEGATE_CONDITION, lhs.get(k).start(), lhs.get(k).start(), "not ",
                        lhs.get(k).start(), whole + " → not " + whole));
            } else if (keyword.equals("not")) {
                edits.add(new Edit(Operator.NEGATE_CONDITION, start, lhs.get(k).start(), "", start,
                        whole + " → " + pattern));
            } else {
                edits.add(new Edit(Operator.NEGATE_CONDITION, start, lhs.get(first).end(), "not", start,
                        whole + " → not " + pattern));
            }
            edits.add(new Edit(Operator.DROP_CONDITION, start, end, "", start, "drop " + whole));
            k = close;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rules

    private static Edit removal(DrlFile drl, Rule rule) {
        String body = drl.text().substring(rule.start(), rule.end());
        String blank = "\n".repeat((int) body.chars().filter(c -> c == '\n').count());
        return new Edit(Operator.REMOVE_RULE, rule.start(), rule.end(), blank, rule.start(), "remove the rule");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Text of token ranges

    /** Tokens {@code a..b} as one line, spaces collapsed. */
    private String text(List<Token> code, int a, int b) {
        return collapse(rawText(code, a, b));
    }

    private String textReplacing(List<Token> code, int a, int b, int at, String replacement) {
        String raw = rawText(code, a, b);
        int offset = code.get(at).start() - code.get(a).start();
        return collapse(raw.substring(0, offset) + replacement + raw.substring(offset + code.get(at).text().length()));
    }

    /** The original text of tokens {@code a..b}, comments and line breaks included. */
    private String rawText(List<Token> code, int a, int b) {
        return source.substring(code.get(a).start(), code.get(b).end());
    }

    private static String collapse(String s) {
        return s.replaceAll("//[^\n]*", " ").replaceAll("\\s+", " ").strip();
    }

}
