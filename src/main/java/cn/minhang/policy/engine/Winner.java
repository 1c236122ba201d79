package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.OtherAward;
import org.kie.api.runtime.rule.RuleContext;

/** The single award that stands for a subject under 从优、就高、不重复: a claim of this policy or another policy's award. */
public record Winner(String subject, Claim claim, OtherAward otherAward, BigDecimal amount, String rule) {

    public static Winner of(RuleContext rule, Claim claim) {
        return new Winner(claim.subject(), claim, null, claim.amount(), RuleMeta.name(rule));
    }

    public static Winner of(RuleContext rule, OtherAward award) {
        return new Winner(award.subject(), null, award, award.amount(), RuleMeta.name(rule));
    }
}
