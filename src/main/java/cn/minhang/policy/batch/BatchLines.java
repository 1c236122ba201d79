package cn.minhang.policy.batch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.ProblemsJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a batch (docs/json-contract.md, "Batch lines"): an input line in, exactly one output line out, a
 * compact JSON object with {@code "line": N} first: the decision document, an error document naming every problem
 * of an invalid line, or {@code "evaluation failed"}. Used by {@code ./policy batch} and the decision service's
 * batch route, so both write the same lines.
 */
public final class BatchLines {
    /** The {@code error} of a line the rules failed on. */
    public static final String EVALUATION_FAILED = "evaluation failed";

    private BatchLines() {
    }

    /**
     * What one line gave.
     *
     * @param bytes    the output line in UTF-8, without its line break
     * @param decision the decision, for a line evaluated; null for an invalid or failed one
     * @param failed   true when the rules failed on a valid application
     */
    public record Outcome(byte[] bytes, Decision decision, boolean failed) {
        public boolean invalid() {
            return decision == null && !failed;
        }

        /** The output line as text. */
        public String json() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Evaluates input line {@code number} (1-based) on {@code engine}.
     *
     * @param at the time written in the audit; null for the time of the evaluation
     */
    public static Outcome evaluate(PolicyEngine engine, long number, LineInput.Line line, Instant at) {
        return evaluate(engine, number, line, at, true);
    }

    /**
     * The same, with or without the explanation sentences of the decision's lines ({@code ./policy batch
     * --no-explanations}: lighter lines for bulk runs, whose explanations can be rendered again from the lines).
     */
    public static Outcome evaluate(PolicyEngine engine, long number, LineInput.Line line, Instant at,
                                   boolean explanations) {
        Application application;
        try {
            if (line.tooLong()) {
                throw new InvalidApplicationException(List.of(tooLong(line.length())));
            }
            application = ApplicationReader.fromJson(line.bytes());
        } catch (InvalidApplicationException e) {
            return invalid(number, e.problems());
        }
        try {
            Decision decision = engine.evaluate(application);
            return new Outcome(DecisionJson.compactLineBytes(number, application, decision,
                    at == null ? Instant.now() : at, explanations), decision, false);
        } catch (InvalidApplicationException e) {
            return invalid(number, e.problems());
        } catch (RuntimeException e) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("line", number);
            error.put("error", EVALUATION_FAILED);
            error.put("message", cn.minhang.policy.engine.EvaluationFailure.describe(e));
            return new Outcome(utf8(DecisionJson.compact(error)), null, true);
        }
    }

    /** The problem of a line too long to read. */
    public static Problem tooLong(long length) {
        return new Problem("$", "the line has " + length + " characters; an application is at most "
                + Limits.MAX_DOCUMENT_BYTES + " bytes");
    }

    private static Outcome invalid(long number, List<Problem> problems) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("line", number);
        error.setAll(ProblemsJson.document(ProblemsJson.INVALID_APPLICATION, null, problems));
        return new Outcome(utf8(DecisionJson.compact(error)), null, false);
    }

    private static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }
}
