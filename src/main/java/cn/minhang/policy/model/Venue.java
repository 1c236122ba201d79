package cn.minhang.policy.model;

/** Where a scenario is deployed (measures 5, 6 and 7). */
public enum Venue {
    COMMERCIAL_CENTRE,
    COMMERCIAL_STREET,
    CULTURAL_CREATIVE_BLOCK,
    HOSPITAL,
    ELDERLY_CARE_INSTITUTION,
    BCI_INDUSTRY_CLUSTER,
    ELDERLY_TECH_PARK,
    SCHOOL,
    VOCATIONAL_SCHOOL,
    COMMUNITY_EDUCATION,
    OTHER
}
