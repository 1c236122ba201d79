package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 12: a pilot-scale (中试) verification platform the applicant builds or operates.
 *
 * @param selectedMunicipal selected as a municipal manufacturing pilot platform (入选市级制造业中试平台)
 * @param requested         the amount set by review or requested
 */
public record PilotPlatform(
        String id,
        String name,
        boolean selectedMunicipal,
        @MayBeAbsent BigDecimal requested) {

    public PilotPlatform {
        Checks.of("PilotPlatform").id("id", id).id("name", name).amountIfPresent("requested", requested).done();
    }
}
