package cn.minhang.policy.engine;

import java.time.LocalDate;

import org.kie.api.runtime.rule.RuleContext;

/** The policy's period of validity, both days included, as the closing paragraph's rule sets it. */
public record PolicyPeriod(LocalDate from, LocalDate to, String rule, TextReading reading) {

    public static PolicyPeriod of(RuleContext rule, String from, String to) {
        return new PolicyPeriod(LocalDate.parse(from), LocalDate.parse(to), RuleMeta.name(rule),
                RuleMeta.reading(rule));
    }

    public boolean includes(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
