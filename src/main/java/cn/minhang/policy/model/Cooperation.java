package cn.minhang.policy.model;

import java.util.List;

/** Measure 13.1: an international cooperation platform or project with overseas partners. */
public record Cooperation(
        String id,
        String name,
        List<String> overseasPartners) {

    public Cooperation {
        overseasPartners = Checks.list(overseasPartners);
        Checks.of("Cooperation").id("id", id).id("name", name).done();
    }
}
