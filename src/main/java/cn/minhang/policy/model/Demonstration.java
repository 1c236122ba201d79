package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 4.2: a smart factory, open-call task or similar demonstration recognised by a level of government.
 *
 * @param largeScaleEmbodiedAi makes large-scale use of embodied-intelligence technology (大幅应用)
 * @param requested            the amount set by review or requested
 */
public record Demonstration(
        String id,
        String name,
        DemonstrationType type,
        Level level,
        boolean largeScaleEmbodiedAi,
        @MayBeAbsent BigDecimal requested) {

    public Demonstration {
        Checks.of("Demonstration").id("id", id).id("name", name).present("type", type).present("level", level)
                .amountIfPresent("requested", requested).done();
    }
}
