package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.minhang.policy.model.Limits;

/**
 * Reads the rates and amounts that rules write as text ("30%", "3,000,000"), exactly. Text keeps every number
 * of the policy in the DRL where an analyst edits it, and out of binary floating point.
 */
public final class Params {
    private static final Map<String, BigDecimal> RATES = new ConcurrentHashMap<>();
    private static final Map<String, BigDecimal> AMOUNTS = new ConcurrentHashMap<>();

    private Params() {
    }

    /** "30%" is 0.30, "100%" is 1. */
    public static BigDecimal rate(String text) {
        return RATES.computeIfAbsent(text, Params::parseRate);
    }

    /** "3,000,000" is 3000000; null stays null (no cap). */
    public static BigDecimal amount(String text) {
        return text == null ? null : AMOUNTS.computeIfAbsent(text, Params::parseAmount);
    }

    /**
     * What is wrong with a rate written as {@code text}, in words an analyst can act on; null when it reads. The
     * rules are checked with it when they compile, so that a rate that cannot be read is a problem of its file and
     * line, not an evaluation that fails.
     */
    public static String rateProblem(String text) {
        String t = text.strip();
        BigDecimal percent = t.endsWith("%") ? decimal(t.substring(0, t.length() - 1).strip()) : null;
        if (percent == null) {
            return "the rate \"" + text + "\" is not a percentage such as \"30%\"";
        }
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            return "the rate \"" + text + "\" is not between 0% and 100%";
        }
        return null;
    }

    /** What is wrong with an amount (a cap) written as {@code text}, named {@code what}; null when it reads. */
    public static String amountProblem(String what, String text) {
        BigDecimal amount = decimal(text.strip().replace(",", "").replace("_", ""));
        if (amount == null) {
            return "the " + what + " \"" + text + "\" is not an amount in yuan such as \"3,000,000\"";
        }
        if (amount.signum() < 0) {
            return "the " + what + " \"" + text + "\" must not be negative";
        }
        return null;
    }

    private static BigDecimal decimal(String text) {
        if (!Limits.PLAIN_DECIMAL.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    private static BigDecimal parseRate(String text) {
        String problem = rateProblem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return decimal(text.strip().substring(0, text.strip().length() - 1).strip()).movePointLeft(2);
    }

    private static BigDecimal parseAmount(String text) {
        String problem = amountProblem("amount", text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return decimal(text.strip().replace(",", "").replace("_", ""));
    }
}
