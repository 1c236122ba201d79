package cn.minhang.policy.engine;

import java.math.BigDecimal;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What the closing paragraph's rules decide for one claim: granted, excluded by a higher award for the same
 * subject, or not eligible under a general condition.
 *
 * @param addedAfterCap for an exclusion decided with a binding aggregate cap in view, what the claim would have
 *                      added to the applicant's receipts after the cap, where that is less than its amount; else null
 * @param keptAddsAfterCap for such an exclusion by another clause of this policy under a cap that binds, what
 *                      that clause's award adds after its cap, where that is less than its amount; else null
 * @param reading       the reading of the text the winner was chosen by, where a binding cap was weighed; else null
 */
public record Verdict(Claim claim, Status status, boolean granted, Winner winner, GeneralConditionUnmet unmet,
                      String rule, BigDecimal addedAfterCap, BigDecimal keptAddsAfterCap, TextReading reading) {

    public static Verdict granted(RuleContext rule, Claim claim) {
        return new Verdict(claim, claim.capped() ? Status.CAPPED : Status.GRANTED, true, null, null,
                RuleMeta.name(rule), null, null, null);
    }

    /** Granted as the award that stands for its subject. */
    public static Verdict granted(RuleContext rule, Claim claim, Winner winner) {
        return new Verdict(claim, claim.capped() ? Status.CAPPED : Status.GRANTED, true, winner, null,
                RuleMeta.name(rule), null, null, winner.reading());
    }

    public static Verdict excluded(RuleContext rule, Claim claim, Winner winner) {
        BigDecimal adds = winner.addsAfterCap(claim.clause());
        BigDecimal kept = winner.claim() == null ? null : winner.addsAfterCap(winner.claim().clause());
        return new Verdict(claim, Status.EXCLUDED, false, winner, null, RuleMeta.name(rule),
                adds != null && adds.compareTo(claim.amount()) < 0 ? adds : null,
                kept != null && kept.compareTo(winner.amount()) < 0 ? kept : null, winner.reading());
    }

    public static Verdict notEligible(RuleContext rule, Claim claim, GeneralConditionUnmet unmet) {
        return new Verdict(claim, Status.NOT_ELIGIBLE, false, null, unmet, RuleMeta.name(rule), null, null, null);
    }
}
