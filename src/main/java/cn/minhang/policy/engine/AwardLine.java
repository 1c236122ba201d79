package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One line of a decision: what one clause gives for one subject, with the arithmetic that produced it.
 *
 * @param base     the amount the clause computes from (R&D investment, purchase amount, ...), or the requested
 *                 amount of a discretionary clause; null where nothing is computed
 * @param rate     the rate applied to the base (0.30); null where nothing is computed
 * @param computed base × rate, exact
 * @param cap      the per-item cap, the ceiling of a discretionary clause, or the aggregate cap of an
 *                 AGGREGATE_CAP line; null where the text states none
 * @param amount   what this line adds to the granted total, to the fen: the granted amount, zero for lines that
 *                 grant nothing, and a negative reduction on an AGGREGATE_CAP line
 * @param group    for an AGGREGATE_CAP line, the group the cap applies to (a year for 1.2), else ""
 * @param reasons  the unmet conditions of a NOT_ELIGIBLE line, or what a SUPPORT line supports
 * @param rules    the rules that produced the line, measure rule first
 * @param readings default readings of the text that the line relies on
 */
public record AwardLine(
        Clause clause,
        String subject,
        ClaimKind kind,
        Status status,
        BigDecimal base,
        BigDecimal rate,
        BigDecimal computed,
        BigDecimal cap,
        BigDecimal amount,
        String group,
        List<Reason> reasons,
        ExcludedBy excludedBy,
        List<String> rules,
        List<TextReading> readings) {

    public AwardLine {
        reasons = distinct(reasons);
        rules = distinct(rules);
        readings = List.copyOf(readings);
    }

    /** The items without repeats, each where it first occurs; the lists are short, so they are compared in pairs. */
    private static <T> List<T> distinct(List<T> items) {
        int size = items.size();
        for (int i = 1; i < size; i++) {
            T item = items.get(i);
            for (int j = 0; j < i; j++) {
                if (item.equals(items.get(j))) {
                    return List.copyOf(new LinkedHashSet<>(items));
                }
            }
        }
        return List.copyOf(items);
    }

    /** The line as a sentence with its arithmetic. */
    public String explanation(Language language) {
        return Explanations.line(this, language);
    }
}
