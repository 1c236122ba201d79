package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the policy grants one application, line by line, with the totals and everything needed to reproduce it.
 *
 * @param lines                 one line per (clause, subject), then the aggregate-cap adjustments, in the
 *                              order of the text
 * @param measuresNotApplicable the measures of the catalogue for which the application has no matching facts
 * @param forgone               awards under other policies that this policy's higher awards replace
 * @param totalGranted          the sum of every line's amount, to the fen
 * @param totalsByClause        the same sum per clause, for clauses with a non-zero total, in the order of the text
 * @param validity              the validity period applied
 * @param readings              every default reading of the text the decision relies on
 * @param rulesVersion          a hash of the rule files that made the decision
 * @param reviewByClause        per clause with lines to be set by review ({@link Status#CEILING}), the most that
 *                              review can still grant: the lines' ceilings, within what the clause's aggregate cap
 *                              leaves; in the order of the text. Not part of {@code totalGranted}
 */
public record Decision(
        String applicationId,
        String enterpriseId,
        List<AwardLine> lines,
        List<Integer> measuresNotApplicable,
        List<ForgoneAward> forgone,
        BigDecimal totalGranted,
        Map<String, BigDecimal> totalsByClause,
        PolicyPeriod validity,
        List<TextReading> readings,
        String rulesVersion,
        Map<String, BigDecimal> reviewByClause) {

    public Decision {
        lines = List.copyOf(lines);
        measuresNotApplicable = List.copyOf(measuresNotApplicable);
        forgone = List.copyOf(forgone);
        totalsByClause = inTextOrder(totalsByClause, lines);
        readings = List.copyOf(readings);
        reviewByClause = inTextOrder(reviewByClause, lines);
    }

    /** The most that review can still grant in all, beside {@link #totalGranted()}: the sum of {@link #reviewByClause}. */
    public BigDecimal reviewUpTo() {
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (BigDecimal amount : reviewByClause.values()) {
            sum = sum.add(amount);
        }
        return sum;
    }

    /**
     * The totals in the order of the text: that of the clauses of the lines they sum (a clause without a line
     * last), then by id.
     */
    private static Map<String, BigDecimal> inTextOrder(Map<String, BigDecimal> totals, List<AwardLine> lines) {
        int size = totals.size();
        @SuppressWarnings("unchecked")
        Map.Entry<String, BigDecimal>[] entries = totals.entrySet().toArray(new Map.Entry[size]);
        if (size > 1) {
            Map<String, Integer> rank = new HashMap<>(size * 2);
            for (Map.Entry<String, BigDecimal> e : entries) {
                rank.put(e.getKey(), rank(e.getKey(), lines));
            }
            Arrays.sort(entries, (a, b) -> {
                int c = Integer.compare(rank.get(a.getKey()), rank.get(b.getKey()));
                return c != 0 ? c : a.getKey().compareTo(b.getKey());
            });
        }
        Map<String, BigDecimal> ordered = new LinkedHashMap<>(size * 2);
        for (Map.Entry<String, BigDecimal> e : entries) {
            ordered.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** The rank of the first line of {@code clause}; after every rank where no line has it. */
    private static int rank(String clause, List<AwardLine> lines) {
        for (AwardLine l : lines) {
            if (l.clause().id().equals(clause)) {
                return l.clause().rank();
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The line of a clause for a subject, if there is one (not an aggregate-cap line). */
    public Optional<AwardLine> line(String clause, String subject) {
        return lines.stream()
                .filter(l -> l.clause().id().equals(clause) && l.subject().equals(subject)
                        && l.status() != Status.AGGREGATE_CAP)
                .findFirst();
    }

    /** The lines of one clause. */
    public List<AwardLine> linesOf(String clause) {
        return lines.stream().filter(l -> l.clause().id().equals(clause)).collect(Collectors.toList());
    }

    /** The whole decision as readable text, one explained line after another. */
    public String explain(Language language) {
        return Explanations.decision(this, language);
    }
}
