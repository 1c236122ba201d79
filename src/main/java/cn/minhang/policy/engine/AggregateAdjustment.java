package cn.minhang.policy.engine;

import java.math.BigDecimal;

import org.kie.api.runtime.rule.RuleContext;

/** The reduction that brings a group of a clause's granted awards down to its aggregate cap. */
public record AggregateAdjustment(AggregateCap cap, String clause, String group, BigDecimal total,
                                  BigDecimal reduction, String rule) {

    public static AggregateAdjustment of(RuleContext rule, AggregateCap cap, String group, BigDecimal total) {
        return new AggregateAdjustment(cap, cap.clause(), group, total, total.subtract(cap.cap()),
                RuleMeta.name(rule));
    }
}
