package cn.minhang.policy.model;

/**
 * Measure 14: a person the applicant puts forward as high-level talent.
 *
 * @param meetsCriteria meets the high-level talent criteria (符合条件的产业高层次人才)
 */
public record Talent(
        String id,
        String name,
        boolean meetsCriteria) {

    public Talent {
        Checks.of("Talent").id("id", id).id("name", name).done();
    }
}
