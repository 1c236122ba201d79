package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.OtherAward;

/** An award under another policy that the applicant must forgo because this policy's award for the subject is higher. */
public record ForgoneAward(OtherAward award, Clause winning, BigDecimal winningAmount) {

    /** The id of the clause of this policy whose award replaces it. */
    public String winningClause() {
        return winning.id();
    }

    public Reason explanation() {
        return Explanations.forgone(this);
    }
}
