package cn.minhang.policy.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Collects every impossible value of one fact, then throws them together. */
final class Checks {
    /** Amounts above this (one hundred billion yuan) are taken to be input errors. */
    static final BigDecimal LARGEST_AMOUNT = new BigDecimal("100000000000");

    private final String fact;
    private final List<Violation> violations = new ArrayList<>();

    private Checks(String fact) {
        this.fact = fact;
    }

    static Checks of(String fact) {
        return new Checks(fact);
    }

    Checks id(String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required and must not be blank"));
        } else {
            String problem = Limits.textProblem(value);
            if (problem != null) {
                violations.add(new Violation(field, problem));
            }
        }
        return this;
    }

    Checks present(String field, Object value) {
        if (value == null) {
            violations.add(new Violation(field, "is required"));
        }
        return this;
    }

    Checks amount(String field, BigDecimal value) {
        return present(field, value).amountIfPresent(field, value);
    }

    Checks amountIfPresent(String field, BigDecimal value) {
        if (value == null) {
            return this;
        }
        if (value.signum() < 0) {
            violations.add(new Violation(field, "must not be negative, was " + Limits.show(value)));
        } else if (value.compareTo(LARGEST_AMOUNT) > 0) {
            violations.add(new Violation(field, "must not exceed " + LARGEST_AMOUNT.toPlainString()
                    + " yuan, was " + Limits.show(value)));
        } else if (value.stripTrailingZeros().scale() > 2) {
            violations.add(new Violation(field, "must be in yuan with at most two decimals (fen), was "
                    + Limits.show(value)));
        }
        return this;
    }

    Checks range(String field, int value, int lowest, int highest) {
        if (value < lowest || value > highest) {
            violations.add(new Violation(field, "must be between " + lowest + " and " + highest + ", was " + value));
        }
        return this;
    }

    Checks noNulls(String field, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                violations.add(new Violation(field + "[" + i + "]", "must not be null"));
            }
        }
        return this;
    }

    void done() {
        if (!violations.isEmpty()) {
            throw new InvalidFactException(fact, violations);
        }
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
