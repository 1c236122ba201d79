package cn.minhang.policy.engine;

import org.kie.api.runtime.rule.RuleContext;

/**
 * What the closing paragraph's rules decide for one claim: granted, excluded by a higher award for the same
 * subject, or not eligible under a general condition.
 */
public record Verdict(Claim claim, Status status, boolean granted, Winner winner, GeneralConditionUnmet unmet,
                      String rule) {

    public static Verdict granted(RuleContext rule, Claim claim) {
        return new Verdict(claim, claim.capped() ? Status.CAPPED : Status.GRANTED, true, null, null,
                RuleMeta.name(rule));
    }

    public static Verdict excluded(RuleContext rule, Claim claim, Winner winner) {
        return new Verdict(claim, Status.EXCLUDED, false, winner, null, RuleMeta.name(rule));
    }

    public static Verdict notEligible(RuleContext rule, Claim claim, GeneralConditionUnmet unmet) {
        return new Verdict(claim, Status.NOT_ELIGIBLE, false, null, unmet, RuleMeta.name(rule));
    }
}
