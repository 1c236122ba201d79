package cn.minhang.policy.engine;

import java.math.BigDecimal;
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
        String rulesVersion) {

    public Decision {
        lines = List.copyOf(lines);
        measuresNotApplicable = List.copyOf(measuresNotApplicable);
        forgone = List.copyOf(forgone);
        // The totals in the order of the text: that of the clauses of the lines they sum.
        java.util.Map<String, Integer> rank = new java.util.HashMap<>();
        for (AwardLine l : lines) {
            rank.putIfAbsent(l.clause().id(), l.clause().rank());
        }
        java.util.TreeMap<String, BigDecimal> ordered = new java.util.TreeMap<>(java.util.Comparator
                .comparingInt((String id) -> rank.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(java.util.Comparator.naturalOrder()));
        ordered.putAll(totalsByClause);
        totalsByClause = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ordered));
        readings = List.copyOf(readings);
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
