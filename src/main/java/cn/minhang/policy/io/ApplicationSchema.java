package cn.minhang.policy.io;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.MayBeAbsent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Derives the JSON Schema (draft 2020-12) of an application from the model records, by the rules
 * {@link ApplicationReader} binds with, so that the published schema ({@code schema/application.schema.json})
 * cannot drift from the reader:
 * <ul>
 *   <li>field names are record component names; no other field is allowed ({@code additionalProperties: false});</li>
 *   <li>booleans may be left out (false), lists may be left out (empty), components marked {@link MayBeAbsent}
 *       may be left out; every other component is required; {@code null} counts as left out;</li>
 *   <li>an amount is a JSON string or number, not negative, with at most two decimals;</li>
 *   <li>dates are {@code YYYY-MM-DD}; enums are their constant names; ids and names must not be blank;</li>
 *   <li>text is printable and at most {@link Limits#MAX_TEXT_LENGTH} characters, lists have at most
 *       {@link Limits#MAX_LIST_ITEMS} items.</li>
 * </ul>
 * What a schema cannot say is checked by the reader only: ids unique within a list, every award under another
 * policy naming a subject of the application, at most two decimals in an amount written as a number, at most
 * {@link Limits#MAX_FACTS} facts in all, and the limits on the document itself (size, depth, tokens).
 */
public final class ApplicationSchema {
    /** The schema's {@code $id}. */
    public static final String ID = "urn:minhang-embodied-ai-policy:schema:application";
    /** Bounds a record component has beyond its type, as its fact's constructor checks them. */
    private static final Map<String, int[]> INTEGER_RANGES = Map.of("ComputeExpense.year", new int[]{2000, 2100});
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The characters {@link Limits#textProblem} refuses, as a regular-expression class (ECMA-262 and Java). */
    private static final String FORBIDDEN = "\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E"
            + "\\u2066-\\u2069\\uFEFF\\uFFFE\\uFFFF";

    private ApplicationSchema() {
    }

    /** The schema as a tree. */
    public static ObjectNode generate() {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", ID);
        root.put("title", "Application under the Minhang embodied-intelligence policy measures");
        root.put("description", "One application: the applicant and everything it asks support for. Field names "
                + "are the record components of cn.minhang.policy.model; see docs/json-contract.md. Generated from "
                + "the model by cn.minhang.policy.io.ApplicationSchema (./policy schema): do not edit by hand. "
                + "Checked beyond this schema: ids unique within each list, every otherAwards[].subject a subject of "
                + "the application, no computeExpenses[].year after the year of applicationDate, at most "
                + Limits.MAX_FACTS + " facts (by the reader), and at most " + Limits.MAX_WEIGHED_ALTERNATIVES
                + " alternatives weighed where an aggregate cap binds (when evaluated): see docs/json-contract.md.");
        root.put("$ref", "#/$defs/Application");
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        record(Application.class, defs);
        defs.put("amount", amountSchema());
        defs.put("printable", NODES.objectNode().put("type", "string").put("maxLength", Limits.MAX_TEXT_LENGTH)
                .put("pattern", "^[^" + FORBIDDEN + "]*$")
                .put("description", "Printable text: no control characters, line or paragraph separators or "
                        + "bidirectional overrides, at most " + Limits.MAX_TEXT_LENGTH + " characters"));
        defs.put("text", NODES.objectNode().put("$ref", "#/$defs/printable").put("pattern", "\\S")
                .put("description", "An id or a name: printable text that is not blank"));
        defs.put("date", NODES.objectNode().put("type", "string").put("format", "date")
                .put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$").put("description", "A day, written YYYY-MM-DD"));
        ObjectNode all = root.putObject("$defs");
        defs.forEach(all::set);
        return root;
    }

    /** The schema as the committed file holds it: indented JSON and a final newline. */
    public static String text() {
        return DecisionJson.pretty(generate()) + "\n";
    }

    private static void record(Class<?> type, Map<String, ObjectNode> defs) {
        String name = type.getSimpleName();
        if (defs.containsKey(name)) {
            return;
        }
        ObjectNode schema = NODES.objectNode();
        defs.put(name, schema);
        schema.put("title", name);
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (RecordComponent c : type.getRecordComponents()) {
            boolean optional = c.getType() == boolean.class || c.getType() == List.class
                    || c.isAnnotationPresent(MayBeAbsent.class);
            ObjectNode property = valueSchema(c.getType(), c.getGenericType(), defs);
            int[] range = INTEGER_RANGES.get(name + "." + c.getName());
            if (range != null) {
                property.put("minimum", range[0]).put("maximum", range[1]);
            }
            if (c.getType() == boolean.class) {
                property.put("default", false);
            }
            if (optional) {
                property = orNull(property);
            } else {
                required.add(c.getName());
            }
            properties.set(c.getName(), property);
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
    }

    private static ObjectNode valueSchema(Class<?> type, Type generic, Map<String, ObjectNode> defs) {
        if (type == String.class) {
            return ref("text");
        }
        if (type == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (type == int.class) {
            return NODES.objectNode().put("type", "integer");
        }
        if (type == BigDecimal.class) {
            return ref("amount");
        }
        if (type == LocalDate.class) {
            return ref("date");
        }
        if (type.isEnum()) {
            String name = type.getSimpleName();
            if (!defs.containsKey(name)) {
                ObjectNode e = NODES.objectNode();
                e.put("title", name);
                e.put("type", "string");
                ArrayNode values = e.putArray("enum");
                for (Object constant : type.getEnumConstants()) {
                    values.add(((Enum<?>) constant).name());
                }
                defs.put(name, e);
            }
            return ref(name);
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            ObjectNode array = NODES.objectNode().put("type", "array").put("maxItems", Limits.MAX_LIST_ITEMS);
            // Strings in a list (partners' names) must be printable; only ids and names of facts must not be blank.
            array.set("items", element == String.class ? ref("printable")
                    : valueSchema((Class<?>) element, element, defs));
            return array;
        }
        if (type.isRecord()) {
            record(type, defs);
            return ref(type.getSimpleName());
        }
        throw new IllegalStateException("no schema for " + type);
    }

    private static ObjectNode amountSchema() {
        ObjectNode amount = NODES.objectNode();
        amount.put("description", "An amount in yuan, read exactly: a JSON string such as \"2400000.00\" or a JSON "
                + "number; not negative, at most two decimals (fen), at most 100,000,000,000");
        ArrayNode anyOf = amount.putArray("anyOf");
        anyOf.addObject().put("type", "string").put("maxLength", Limits.MAX_AMOUNT_TEXT_LENGTH)
                .put("pattern", "^\\s*\\+?[0-9]+(\\.[0-9]{1,2}0*)?\\s*$");
        anyOf.addObject().put("type", "number").put("minimum", 0).put("maximum", 100_000_000_000L);
        return amount;
    }

    /** The same schema that also accepts null, which the reader takes as "left out". */
    private static ObjectNode orNull(ObjectNode schema) {
        if (schema.path("type").isTextual()) {
            ObjectNode copy = NODES.objectNode();
            schema.fields().forEachRemaining(f -> {
                if (f.getKey().equals("type")) {
                    copy.putArray("type").add(f.getValue().textValue()).add("null");
                } else {
                    copy.set(f.getKey(), f.getValue());
                }
            });
            return copy;
        }
        ObjectNode anyOf = NODES.objectNode();
        anyOf.putArray("anyOf").add(schema).add(NODES.objectNode().put("type", "null"));
        return anyOf;
    }

    private static ObjectNode ref(String def) {
        return NODES.objectNode().put("$ref", "#/$defs/" + def);
    }
}
