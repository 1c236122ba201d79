package cn.minhang.policy.engine;

import java.util.List;
import java.util.stream.Collectors;

/** The rules did not compile (or did not pass a check); carries every problem with its file and line. */
public final class RuleCompilationException extends RuntimeException {
    private final List<RuleProblem> problems;

    public RuleCompilationException(String origin, List<RuleProblem> problems) {
        super("the rules in " + origin + " have " + problems.size() + " problem(s):\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
