package cn.minhang.policy.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an evaluation failed (a fault in the rules, not in the application), in words for whoever reads it: the
 * rule the engine names and the message of what went wrong in it, never an exception's class. Drools words a
 * failing consequence as "Exception executing consequence for rule "…" in cn.minhang.policy.rules:
 * java.lang.NullPointerException: …"; this is "the rule "…" failed: …".
 */
public final class EvaluationFailure {
    private static final Pattern FAILED_RULE = Pattern.compile("consequence for rule \"((?:[^\"\\\\]|\\\\.){1,300})\"");

    private EvaluationFailure() {
    }

    /** The failure of {@code e} in words. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Matcher rule = FAILED_RULE.matcher(String.valueOf(e.getMessage()));
        if (!rule.find()) {
            return root.getMessage() != null ? root.getMessage() : "an unexpected failure, with no message";
        }
        return "the rule \"" + rule.group(1) + "\" failed"
                + (root != e && root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
