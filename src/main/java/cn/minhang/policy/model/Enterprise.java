package cn.minhang.policy.model;

import java.util.List;

/**
 * The applicant. Its id is the subject of the enterprise-level measures (8, 10.1, 11).
 *
 * @param locatedInDistrict registered and operating in Minhang District (区内)
 * @param embodiedAiField   works in the embodied-intelligence field (具身智能领域)
 * @param fundFocusAreas    measure 11's focus areas the enterprise works in
 */
public record Enterprise(
        String id,
        String name,
        boolean locatedInDistrict,
        boolean embodiedAiField,
        List<FundFocusArea> fundFocusAreas) {

    public Enterprise {
        fundFocusAreas = Checks.list(fundFocusAreas);
        Checks.of("Enterprise").id("id", id).id("name", name).done();
    }
}
