package cn.minhang.policy.spec;

import java.util.List;

/**
 * The outcome of one spec case.
 *
 * @param failures   what differed, one sentence each; empty when the case passed
 * @param report     expected and actual side by side, for a failing case
 * @param firedRules the rules that fired while the case ran
 */
public record SpecResult(SpecCase specCase, List<String> failures, String report, List<String> firedRules) {

    public boolean passed() {
        return failures.isEmpty();
    }
}
