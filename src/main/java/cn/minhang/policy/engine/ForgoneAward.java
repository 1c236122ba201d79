package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.OtherAward;

/**
 * An award under another policy that the applicant must forgo because this policy's award for the subject stands.
 *
 * @param winningAddsAfterCap where the choice weighed a binding aggregate cap: what this policy's award adds to the
 *                            applicant's receipts after that cap, where that is less than its amount; else null
 */
public record ForgoneAward(OtherAward award, Clause winning, BigDecimal winningAmount,
                           BigDecimal winningAddsAfterCap) {

    public ForgoneAward(OtherAward award, Clause winning, BigDecimal winningAmount) {
        this(award, winning, winningAmount, null);
    }

    /** The id of the clause of this policy whose award replaces it. */
    public String winningClause() {
        return winning.id();
    }

    public Reason explanation() {
        return Explanations.forgone(this);
    }
}
