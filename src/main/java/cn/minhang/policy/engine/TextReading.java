package cn.minhang.policy.engine;

import java.util.Map;

/**
 * A default reading of the policy text that a rule applies, declared on the rule as
 * {@code @readingZh("…") @readingEn("…")}. Every decision lists the readings it relied on.
 */
public record TextReading(String rule, String zh, String en) {

    static TextReading of(String rule, Map<String, Object> metadata) {
        Object zh = metadata.get("readingZh");
        Object en = metadata.get("readingEn");
        if (zh == null && en == null) {
            return null;
        }
        return new TextReading(rule, String.valueOf(zh), String.valueOf(en));
    }
}
