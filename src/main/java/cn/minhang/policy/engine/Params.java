package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    private static BigDecimal parseRate(String text) {
        String t = text.strip();
        if (!t.endsWith("%")) {
            throw new IllegalArgumentException("a rate is written as a percentage such as \"30%\", was \"" + text + "\"");
        }
        BigDecimal percent = new BigDecimal(t.substring(0, t.length() - 1).strip());
        if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("a rate must be between 0% and 100%, was \"" + text + "\"");
        }
        return percent.movePointLeft(2);
    }

    private static BigDecimal parseAmount(String text) {
        String t = text.strip().replace(",", "").replace("_", "");
        BigDecimal amount;
        try {
            amount = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an amount is written in yuan such as \"3,000,000\", was \"" + text + "\"");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an amount must not be negative, was \"" + text + "\"");
        }
        return amount;
    }
}
