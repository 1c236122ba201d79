package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * An award for one of the application's subjects under another national, municipal or district policy. It
 * competes with this policy's awards for the same subject under 从优、就高、不重复.
 *
 * <p>The amount a 1:0.5 match is made on (the municipal funding of an open-call task, 2.2; the redeemed value of
 * an innovation voucher, 6.2) is that match's base, given on its subject, not an award competing with it: entered
 * here as well, it would be weighed against the match and win.
 *
 * @param subject the id of the product, project, purchase, ... it was granted for
 */
public record OtherAward(
        String id,
        String policy,
        Level level,
        String subject,
        BigDecimal amount) {

    public OtherAward {
        Checks.of("OtherAward").id("id", id).id("policy", policy).present("level", level).id("subject", subject)
                .amount("amount", amount).done();
    }
}
