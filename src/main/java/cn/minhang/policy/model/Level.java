package cn.minhang.policy.model;

/** The level of government that recognised, selected or funded something. */
public enum Level {
    DISTRICT,
    MUNICIPAL,
    NATIONAL
}
