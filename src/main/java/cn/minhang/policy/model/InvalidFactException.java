package cn.minhang.policy.model;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a fact's constructor with every impossible value it was given, not only the first. */
public final class InvalidFactException extends IllegalArgumentException {
    private final String fact;
    private final List<Violation> violations;

    public InvalidFactException(String fact, List<Violation> violations) {
        super(fact + ": " + violations.stream()
                .map(v -> v.field() + " " + v.message())
                .collect(Collectors.joining("; ")));
        this.fact = fact;
        this.violations = List.copyOf(violations);
    }

    public String fact() {
        return fact;
    }

    public List<Violation> violations() {
        return violations;
    }
}
