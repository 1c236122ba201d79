package cn.minhang.policy.engine;

/** The outcome of one line of a decision. */
public enum Status {
    /** Granted in full: the computed amount is within the cap. */
    GRANTED,
    /** Granted at the cap: the computed amount exceeded it. */
    CAPPED,
    /** Not granted: another award for the same subject is higher (从优、就高、不重复). */
    EXCLUDED,
    /** Not granted: a condition of the clause or a general condition is not met. */
    NOT_ELIGIBLE,
    /** Non-monetary support. */
    SUPPORT,
    /** A discretionary ceiling, to be set by review; not part of the granted total. */
    CEILING,
    /** A reduction that brings a clause's awards down to its aggregate cap. */
    AGGREGATE_CAP;

    public boolean granted() {
        return this == GRANTED || this == CAPPED;
    }
}
