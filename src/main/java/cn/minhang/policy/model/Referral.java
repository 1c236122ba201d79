package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 10.2: an investment project the applicant referred to the district.
 *
 * @param landed                    the project has landed in the district
 * @param fitsIndustrialPositioning fits Minhang's industrial positioning (符合闵行产业定位)
 * @param requested                 the amount set by review or requested
 */
public record Referral(
        String id,
        String project,
        boolean landed,
        boolean fitsIndustrialPositioning,
        @MayBeAbsent BigDecimal requested) {

    public Referral {
        Checks.of("Referral").id("id", id).id("project", project).amountIfPresent("requested", requested).done();
    }
}
