package cn.minhang.policy.engine;

/** What a measure rule says about one subject under one clause. */
public enum ClaimKind {
    /** amount = rate × base, capped. */
    RATE,
    /** 1:0.5 matching: 50% of an amount granted by another body, capped where a cap is stated. */
    MATCH,
    /** "up to X" with an amount requested or set by review: min(requested, cap). */
    DISCRETIONARY,
    /** "up to X" with no amount given: the ceiling is reported, never granted. */
    CEILING,
    /** Non-monetary support or eligibility. */
    SUPPORT,
    /** A condition of the clause is not met. */
    NOT_ELIGIBLE;

    public boolean monetary() {
        return this == RATE || this == MATCH || this == DISCRETIONARY;
    }
}
