package cn.minhang.policy.engine;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kie.api.runtime.rule.RuleContext;

/** The policy's period of validity, both days included, as the closing paragraph's rule sets it. */
public record PolicyPeriod(LocalDate from, LocalDate to, String rule, TextReading reading) {
    /** The days the rules write, parsed once: the period's rule fires in every evaluation. */
    private static final Map<String, LocalDate> DAYS = new ConcurrentHashMap<>();

    public static PolicyPeriod of(RuleContext rule, String from, String to) {
        return new PolicyPeriod(day(from), day(to), RuleMeta.name(rule), RuleMeta.reading(rule));
    }

    private static LocalDate day(String text) {
        LocalDate day = DAYS.get(text);
        if (day == null) {
            day = LocalDate.parse(text);
            if (DAYS.size() < 64) {
                DAYS.put(text, day);
            }
        }
        return day;
    }

    public boolean includes(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
