package cn.minhang.policy.engine;

import org.kie.api.runtime.rule.RuleContext;

/** Reads a firing rule's metadata: its {@code @clause} and any {@code @readingZh}/{@code @readingEn}. */
final class RuleMeta {
    private RuleMeta() {
    }

    static Clause clause(RuleContext rule) {
        Object id = rule.getRule().getMetaData().get("clause");
        if (id == null) {
            throw new IllegalStateException("rule '" + rule.getRule().getName() + "' has no @clause metadata");
        }
        return Clause.of(String.valueOf(id));
    }

    static String name(RuleContext rule) {
        return rule.getRule().getName();
    }

    static TextReading reading(RuleContext rule) {
        return TextReading.of(rule.getRule().getName(), rule.getRule().getMetaData());
    }
}
