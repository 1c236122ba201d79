package cn.minhang.policy.model;

import java.util.List;
import java.util.stream.Collectors;

/** An application that cannot be evaluated, with every problem found and its path. Nothing was evaluated. */
public final class InvalidApplicationException extends IllegalArgumentException {
    private final List<Problem> problems;

    public InvalidApplicationException(List<Problem> problems) {
        super("invalid application, " + problems.size() + " problem(s):\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
