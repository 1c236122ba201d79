package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.Map;

import cn.minhang.policy.model.OtherAward;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The single award that stands for a subject under 从优、就高、不重复: a claim of this policy or another policy's award.
 *
 * @param reading the reading of the text it was chosen by, where a binding aggregate cap was weighed; else null
 * @param adds    where a binding aggregate cap was weighed: for each clause of this policy with an award for the
 *                subject, what that award adds (or would add) to the applicant's receipts after the cap
 */
public record Winner(String subject, Claim claim, OtherAward otherAward, BigDecimal amount, String rule,
                     TextReading reading, Map<String, BigDecimal> adds) {

    public Winner {
        adds = adds == null ? Map.of() : Map.copyOf(adds);
    }

    public static Winner of(RuleContext rule, Claim claim) {
        return new Winner(claim.subject(), claim, null, claim.amount(), RuleMeta.name(rule), null, null);
    }

    public static Winner of(RuleContext rule, OtherAward award) {
        return new Winner(award.subject(), null, award, award.amount(), RuleMeta.name(rule), null, null);
    }

    /** What the award of {@code clause} for this subject adds after its cap; null where no cap was weighed. */
    public BigDecimal addsAfterCap(String clause) {
        return adds.get(clause);
    }
}
