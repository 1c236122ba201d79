package cn.minhang.policy.model;

/** Measure 9: a cluster or park the applicant operates, and the level that recognised it. */
public record IndustryCluster(
        String id,
        String name,
        ClusterType type,
        Level level) {

    public IndustryCluster {
        Checks.of("IndustryCluster").id("id", id).id("name", name).present("type", type).present("level", level)
                .done();
    }
}
