package cn.minhang.policy.records;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One place where two JSON documents differ.
 *
 * @param path     a JSON Pointer (RFC 6901) to the value, {@code ""} for the whole document
 * @param recorded the value in the recorded document, or a missing node if it has none there
 * @param replayed the value in the replayed document, or a missing node if it has none there
 */
public record JsonDifference(String path, JsonNode recorded, JsonNode replayed) {

    /** Every leaf where {@code a} and {@code b} differ, in document order; empty if they are equal as trees. */
    public static List<JsonDifference> between(JsonNode a, JsonNode b) {
        List<JsonDifference> out = new ArrayList<>();
        walk("", a, b, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<JsonDifference> out) {
        if (a.isObject() && b.isObject()) {
            int before = out.size();
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path + "/" + escape(name), a.path(name), b.path(name), out);
            }
            if (out.size() == before && !sameOrder(a, b)) {
                out.add(new JsonDifference(path, a, b));  // the same fields in another order
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(path + "/" + i, i < a.size() ? a.get(i) : MissingNode.getInstance(),
                        i < b.size() ? b.get(i) : MissingNode.getInstance(), out);
            }
            return;
        }
        if (!a.equals(b)) {
            out.add(new JsonDifference(path, a, b));
        }
    }

    private static boolean sameOrder(JsonNode a, JsonNode b) {
        Iterator<String> x = a.fieldNames();
        Iterator<String> y = b.fieldNames();
        while (x.hasNext() && y.hasNext()) {
            if (!x.next().equals(y.next())) {
                return false;
            }
        }
        return !x.hasNext() && !y.hasNext();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
