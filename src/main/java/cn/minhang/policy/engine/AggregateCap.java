package cn.minhang.policy.engine;

import java.math.BigDecimal;

import org.kie.api.runtime.rule.RuleContext;

/** A cap on the sum of a clause's granted awards (per enterprise, per year), declared by the measure's rule. */
public record AggregateCap(String clause, BigDecimal cap, String rule, TextReading reading) {

    public static AggregateCap of(RuleContext rule, String cap) {
        Clause clause = RuleMeta.clause(rule);
        if (clause.aggregateScopeZh() == null) {
            throw new IllegalStateException("rule '" + RuleMeta.name(rule) + "' declares an aggregate cap of clause "
                    + clause.id() + ", whose entry in " + ClauseCatalogue.FILE + " names no aggregateScope");
        }
        return new AggregateCap(clause.id(), Params.amount(cap), RuleMeta.name(rule), RuleMeta.reading(rule));
    }
}
