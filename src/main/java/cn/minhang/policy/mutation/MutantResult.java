package cn.minhang.policy.mutation;

/**
 * What became of one mutant.
 *
 * @param detail for a killed mutant, the spec case that caught it and how; for one that did not compile, the
 *               compiler's first message; otherwise empty
 * @param reason for an equivalent mutant, why it changes no possible decision (from the list of equivalent
 *               mutants); otherwise empty
 */
public record MutantResult(Mutant mutant, Outcome outcome, String detail, String reason) {

    public enum Outcome {
        /** A spec failed with the mutant in place. */
        KILLED,
        /** Every spec passed with the mutant in place, and it is not listed as equivalent. */
        SURVIVED,
        /** Every spec passed, and the list of equivalent mutants says why no decision can change. */
        EQUIVALENT,
        /** The changed rules did not compile. */
        NOT_COMPILED
    }
}
