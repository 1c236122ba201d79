package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What one measure rule says about one subject under one clause: an amount computed from a base, a
 * discretionary ceiling, non-monetary support, or a condition that is not met. Measure rules insert claims;
 * the closing paragraph's rules then decide which of them are granted.
 *
 * <p>The clause comes from the rule's {@code @clause} metadata and the rule's name is kept, so every line of a
 * decision can be traced to the sentence and the rule that produced it.
 *
 * @param computed base × rate, exact (not rounded)
 * @param amount   min(computed, cap), rounded once to the fen, HALF_UP; null where nothing is computed
 * @param award    true for a monetary claim that competes under 从优、就高、不重复
 * @param group    the key of the aggregate cap this claim counts towards ("2026" for 1.2's yearly cap)
 */
public record Claim(
        String clause,
        int rank,
        String rule,
        String subject,
        ClaimKind kind,
        boolean award,
        BigDecimal base,
        BigDecimal rate,
        BigDecimal computed,
        BigDecimal cap,
        BigDecimal amount,
        String group,
        String noteZh,
        String noteEn,
        TextReading reading) {

    public Claim {
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        group = group == null ? "" : group;
    }

    /** RATE: {@code rate} of {@code base}, at most {@code cap} (null: no cap stated). */
    public static Claim rate(RuleContext rule, String subject, BigDecimal base, String rate, String cap) {
        return computed(rule, ClaimKind.RATE, subject, base, rate, cap);
    }

    /** MATCH: 1:0.5 matching is {@code rate} "50%" of the amount granted by the other body. */
    public static Claim match(RuleContext rule, String subject, BigDecimal granted, String rate, String cap) {
        return computed(rule, ClaimKind.MATCH, subject, granted, rate, cap);
    }

    /** DISCRETIONARY with an amount requested or set by review: min(requested, cap). */
    public static Claim requested(RuleContext rule, String subject, BigDecimal requested, String cap) {
        return computed(rule, ClaimKind.DISCRETIONARY, subject, requested, "100%", cap);
    }

    /** DISCRETIONARY with no amount: "up to {@code cap}, to be set by review"; never granted. */
    public static Claim ceiling(RuleContext rule, String subject, String cap) {
        return of(rule, subject, ClaimKind.CEILING, null, null, null, Params.amount(cap), null, null, null);
    }

    /** SUPPORT: non-monetary support, described in both languages. */
    public static Claim support(RuleContext rule, String subject, String zh, String en) {
        return of(rule, subject, ClaimKind.SUPPORT, null, null, null, null, null, zh, en);
    }

    /** NOT_ELIGIBLE: the unmet condition, described in both languages. */
    public static Claim notEligible(RuleContext rule, String subject, String zh, String en) {
        return of(rule, subject, ClaimKind.NOT_ELIGIBLE, null, null, null, null, null, zh, en);
    }

    /** The same claim counted towards the aggregate cap of {@code group} (for example a year). */
    public Claim inGroup(Object group) {
        return new Claim(clause, rank, rule, subject, kind, award, base, rate, computed, cap, amount,
                String.valueOf(group), noteZh, noteEn, reading);
    }

    /** True where the computed amount exceeded the cap and the cap was granted instead. */
    public boolean capped() {
        return cap != null && computed != null && computed.compareTo(cap) > 0;
    }

    private static Claim computed(RuleContext rule, ClaimKind kind, String subject, BigDecimal base, String rate,
                                  String cap) {
        Objects.requireNonNull(base, () -> "rule '" + rule.getRule().getName() + "' computed from a missing amount");
        BigDecimal r = Params.rate(rate);
        BigDecimal c = Params.amount(cap);
        BigDecimal computed = base.multiply(r);
        BigDecimal limited = c != null && computed.compareTo(c) > 0 ? c : computed;
        return of(rule, subject, kind, base, r, computed, c, limited.setScale(2, RoundingMode.HALF_UP), null, null);
    }

    private static Claim of(RuleContext rule, String subject, ClaimKind kind, BigDecimal base, BigDecimal rate,
                            BigDecimal computed, BigDecimal cap, BigDecimal amount, String zh, String en) {
        Clause clause = RuleMeta.clause(rule);
        if (base != null && (clause.baseZh() == null || cap != null && clause.capScopeZh() == null)) {
            throw new IllegalStateException("rule '" + rule.getRule().getName() + "' computes an amount of clause "
                    + clause.id() + ", whose entry in " + ClauseCatalogue.FILE + " lacks the words ("
                    + (clause.baseZh() == null ? "base" : "capScope") + ") its explanation needs");
        }
        return new Claim(clause.id(), clause.rank(), rule.getRule().getName(), subject, kind, kind.monetary(),
                base, rate, computed, cap, amount, "", zh, en, RuleMeta.reading(rule));
    }
}
