package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 13.2: an exhibition the applicant took part in.
 *
 * @param internationallyInfluential recognised as having international influence (具有国际影响力、知名度)
 * @param boothFee                   the booth fee actually paid (实际参展的展位费), yuan
 */
public record Exhibition(
        String id,
        String name,
        boolean internationallyInfluential,
        BigDecimal boothFee) {

    public Exhibition {
        Checks.of("Exhibition").id("id", id).id("name", name).amount("boothFee", boothFee).done();
    }
}
