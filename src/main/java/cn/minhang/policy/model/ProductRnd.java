package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 1.1: R&D of a core-component product. The id names the product or its R&D project; an open-call
 * project with the same id is the same subject.
 *
 * @param rndInvestment R&D investment in the product (研发投入), yuan
 * @param ownIp         the product has formed independent intellectual property (形成自主知识产权)
 * @param marketSales   the product has achieved market sales (取得市场销售)
 */
public record ProductRnd(
        String id,
        String name,
        ComponentCategory category,
        BigDecimal rndInvestment,
        boolean ownIp,
        boolean marketSales) {

    public ProductRnd {
        Checks.of("ProductRnd").id("id", id).id("name", name).present("category", category)
                .amount("rndInvestment", rndInvestment).done();
    }
}
