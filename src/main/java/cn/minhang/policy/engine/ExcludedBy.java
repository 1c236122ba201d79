package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.Level;

/**
 * The award that stands instead of an excluded one: either another clause of this policy ({@code clause} set)
 * or an award under another policy ({@code otherAwardId}, {@code policy} and {@code level} set).
 */
public record ExcludedBy(String clause, String otherAwardId, String policy, Level level, BigDecimal amount) {

    public boolean thisPolicy() {
        return clause != null;
    }
}
