package cn.minhang.policy.engine;

import java.math.BigDecimal;

import cn.minhang.policy.model.OtherAward;

/** An award under another policy that the applicant must forgo because this policy's award for the subject is higher. */
public record ForgoneAward(OtherAward award, String winningClause, BigDecimal winningAmount) {

    public Reason explanation() {
        return Explanations.forgone(this);
    }
}
