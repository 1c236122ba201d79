package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 3.1: the purchase of one embodied-intelligence innovation product by the applicant.
 *
 * @param supplierAffiliated    the developer is an affiliated enterprise (关联企业) of the buyer
 * @param appliedInRealScenario applied successfully in a real scenario (成功应用于实际场景)
 * @param demonstrationEffect   the application has a demonstration effect (形成示范效应)
 * @param amount                purchase amount of the single product (单款产品采购金额), yuan
 */
public record Purchase(
        String id,
        String product,
        String supplier,
        boolean supplierAffiliated,
        boolean appliedInRealScenario,
        boolean demonstrationEffect,
        BigDecimal amount) {

    public Purchase {
        Checks.of("Purchase").id("id", id).id("product", product).id("supplier", supplier)
                .amount("amount", amount).done();
    }
}
