package cn.minhang.policy.engine;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;

/** Which compiler built a rule base: the class of one rule's consequence says it. */
public final class CompilerProbe {
    private CompilerProbe() {
    }

    public static String consequenceClass(KieBase kieBase) {
        for (org.kie.api.definition.KiePackage pkg : kieBase.getKiePackages()) {
            for (org.kie.api.definition.rule.Rule rule : pkg.getRules()) {
                return ((RuleImpl) rule).getConsequence().getClass().getName();
            }
        }
        return "no rules";
    }

    public static String consequenceClass(PolicyEngine engine) {
        return consequenceClass(engine.rules().kieBase());
    }
}
