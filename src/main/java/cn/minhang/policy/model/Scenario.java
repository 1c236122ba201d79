package cn.minhang.policy.model;

/** Measures 5, 6.1 and 7: an application scenario of embodied intelligence and where it is deployed. */
public record Scenario(
        String id,
        String name,
        ScenarioType type,
        Venue venue) {

    public Scenario {
        Checks.of("Scenario").id("id", id).id("name", name).present("type", type).present("venue", venue).done();
    }
}
