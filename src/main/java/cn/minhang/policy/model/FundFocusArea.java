package cn.minhang.policy.model;

/** A focus area of the embodied-intelligence industry fund (measure 11). */
public enum FundFocusArea {
    CORE_COMPONENTS,
    PERCEPTION_DECISION_MOTION_CONTROL,
    EMBODIED_COLLABORATION,
    INTELLIGENT_TERMINALS
}
