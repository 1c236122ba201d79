package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 4.1: a technical transformation project and its new equipment investment.
 *
 * @param embodiedAiTransformation the transformation relies on embodied-intelligence technology
 * @param newEquipmentInvestment   new equipment investment (新增设备投资额), yuan
 */
public record EquipmentInvestment(
        String id,
        String name,
        Sector sector,
        boolean embodiedAiTransformation,
        BigDecimal newEquipmentInvestment) {

    public EquipmentInvestment {
        Checks.of("EquipmentInvestment").id("id", id).id("name", name).present("sector", sector)
                .amount("newEquipmentInvestment", newEquipmentInvestment).done();
    }
}
