package cn.minhang.policy.io;

import java.util.List;

import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON document of an input that cannot be evaluated: {@code error} says what kind of failure it is, and
 * {@code problems} lists every problem found, each with the JSON path it is at.
 *
 * <pre>{@code
 * {"error": "invalid application",
 *  "problems": [{"file": "a.json", "path": "$.purchases[0].amount", "message": "must not be negative, was -5"}]}
 * }</pre>
 */
public final class ProblemsJson {
    /** The {@code error} of an application that did not bind or check. */
    public static final String INVALID_APPLICATION = "invalid application";

    private ProblemsJson() {
    }

    /** One problem; {@code file} is left out when null. */
    public static ObjectNode problem(String file, Problem problem) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (file != null) {
            node.put("file", file);
        }
        node.put("path", problem.path());
        node.put("message", problem.message());
        return node;
    }

    /** {@code {"error": error, "problems": [...]}} with each problem's file, if given. */
    public static ObjectNode document(String error, String file, List<Problem> problems) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("error", error);
        ArrayNode array = root.putArray("problems");
        problems.forEach(p -> array.add(problem(file, p)));
        return root;
    }
}
