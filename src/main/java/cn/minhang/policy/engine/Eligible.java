package cn.minhang.policy.engine;

import org.kie.api.runtime.rule.RuleContext;

import java.math.BigDecimal;

/** A monetary claim that meets every general condition and so competes for its subject. */
public record Eligible(Claim claim, String subject, BigDecimal amount, int rank, String rule) {

    public static Eligible of(RuleContext rule, Claim claim) {
        return new Eligible(claim, claim.subject(), claim.amount(), claim.rank(), RuleMeta.name(rule));
    }
}
