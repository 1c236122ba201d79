package cn.minhang.policy.engine;

import java.math.BigDecimal;

import org.kie.api.runtime.rule.RuleContext;

/** A cap on the sum of a clause's granted awards (per enterprise, per year), declared by the measure's rule. */
public record AggregateCap(String clause, BigDecimal cap, String rule, TextReading reading) {

    public static AggregateCap of(RuleContext rule, String cap) {
        return new AggregateCap(RuleMeta.clause(rule).id(), Params.amount(cap), RuleMeta.name(rule),
                RuleMeta.reading(rule));
    }
}
