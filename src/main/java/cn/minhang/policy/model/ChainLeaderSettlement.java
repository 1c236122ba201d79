package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 8: the applicant settling in the district as a chain-leader enterprise. Its subject is the enterprise.
 *
 * @param newlySettled          newly settled in the district (新落户)
 * @param recognisedChainLeader recognised as a chain-leader enterprise of the field (链主企业)
 * @param requested             the amount set by review or requested
 */
public record ChainLeaderSettlement(
        boolean newlySettled,
        boolean recognisedChainLeader,
        @MayBeAbsent BigDecimal requested) {

    public ChainLeaderSettlement {
        Checks.of("ChainLeaderSettlement").amountIfPresent("requested", requested).done();
    }
}
