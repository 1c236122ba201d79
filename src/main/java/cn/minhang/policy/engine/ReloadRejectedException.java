package cn.minhang.policy.engine;

import java.util.List;

/**
 * New rules were refused: they did not compile (or reached outside the policy's own types), or they compiled and
 * failed their checks. The rules that were serving keep serving. Carries every problem and every failure.
 */
public final class ReloadRejectedException extends RuntimeException {
    private final String origin;
    private final String rejectedVersion;
    private final String servingVersion;
    private final List<RuleProblem> problems;
    private final List<String> failures;

    public ReloadRejectedException(String origin, String rejectedVersion, String servingVersion,
                                   List<RuleProblem> problems, List<String> failures, Throwable cause) {
        super(message(origin, rejectedVersion, servingVersion, problems, failures), cause);
        this.origin = origin;
        this.rejectedVersion = rejectedVersion;
        this.servingVersion = servingVersion;
        this.problems = List.copyOf(problems);
        this.failures = List.copyOf(failures);
    }

    private static String message(String origin, String rejected, String serving, List<RuleProblem> problems,
                                  List<String> failures) {
        StringBuilder out = new StringBuilder("the rules in ").append(origin).append(" (").append(rejected)
                .append(") were not loaded; ")
                .append(serving == null ? "no rules are serving" : serving + " keeps serving").append(": ");
        if (!problems.isEmpty()) {
            out.append(problems.size()).append(" problem(s)");
            problems.forEach(p -> out.append("\n").append(p));
        } else {
            out.append(failures.size()).append(" failing check(s)");
            failures.forEach(f -> out.append("\n").append(f));
        }
        return out.toString();
    }

    public String origin() {
        return origin;
    }

    /** The version of the rules that were refused. */
    public String rejectedVersion() {
        return rejectedVersion;
    }

    /** The version that keeps serving; null if none was serving (a first load). */
    public String servingVersion() {
        return servingVersion;
    }

    /** Every compile problem (file:line: message); empty if the rules compiled. */
    public List<RuleProblem> problems() {
        return problems;
    }

    /** Every failing check (spec case) of rules that compiled; empty if they did not compile. */
    public List<String> failures() {
        return failures;
    }
}
