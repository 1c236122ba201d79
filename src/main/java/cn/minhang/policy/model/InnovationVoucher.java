package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 6.2: a municipal science and technology innovation voucher (市科技创新券).
 *
 * @param elderlyCareProductTesting spent on R&D testing of an elderly-care product (养老产品研发测试)
 * @param redeemedAmount            the amount actually redeemed (实际兑现金额), yuan
 */
public record InnovationVoucher(
        String id,
        boolean elderlyCareProductTesting,
        BigDecimal redeemedAmount) {

    public InnovationVoucher {
        Checks.of("InnovationVoucher").id("id", id).amount("redeemedAmount", redeemedAmount).done();
    }
}
