package cn.minhang.policy.engine;

import org.kie.api.runtime.rule.RuleContext;

/**
 * Reads a firing rule's metadata: its {@code @clause}, found in the catalogue of its rules, and any
 * {@code @readingZh}/{@code @readingEn}.
 */
final class RuleMeta {
    private RuleMeta() {
    }

    static Clause clause(RuleContext rule) {
        Object id = rule.getRule().getMetaData().get("clause");
        if (id == null) {
            throw new IllegalStateException("rule '" + rule.getRule().getName() + "' has no @clause metadata");
        }
        return catalogue(rule).clause(String.valueOf(id));
    }

    /** The clause catalogue of the rules the session runs. */
    static ClauseCatalogue catalogue(RuleContext rule) {
        Object catalogue = rule.getKieRuntime().getGlobal(CompiledRules.CATALOGUE_GLOBAL);
        if (!(catalogue instanceof ClauseCatalogue c)) {
            throw new IllegalStateException("rule '" + rule.getRule().getName() + "' runs in a session without the "
                    + "clause catalogue of its rules (global " + CompiledRules.CATALOGUE_GLOBAL + ")");
        }
        return c;
    }

    static String name(RuleContext rule) {
        return rule.getRule().getName();
    }

    static TextReading reading(RuleContext rule) {
        return TextReading.of(rule.getRule().getName(), rule.getRule().getMetaData());
    }
}
