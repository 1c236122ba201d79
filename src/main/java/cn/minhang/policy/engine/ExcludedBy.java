package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.Level;

/**
 * The award that stands instead of an excluded one: either another clause of this policy ({@code clause} set)
 * or an award under another policy ({@code otherAwardId}, {@code policy} and {@code level} set).
 *
 * @param amount        the amount of the award that stands
 * @param addedAfterCap where the choice weighed a binding aggregate cap: what the excluded award would have added
 *                      to the applicant's receipts after that cap (less than its own amount); else null
 * @param keptAddsAfterCap where the award kept is another clause of this policy under a cap that binds: what it
 *                         adds after its cap, where that is less than its amount; else null
 */
public record ExcludedBy(String clause, String otherAwardId, String policy, Level level, BigDecimal amount,
                         BigDecimal addedAfterCap, BigDecimal keptAddsAfterCap) {

    public ExcludedBy(String clause, String otherAwardId, String policy, Level level, BigDecimal amount) {
        this(clause, otherAwardId, policy, level, amount, null, null);
    }

    public boolean thisPolicy() {
        return clause != null;
    }
}
