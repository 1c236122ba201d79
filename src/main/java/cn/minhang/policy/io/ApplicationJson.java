package cn.minhang.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an application back as JSON in the format {@link ApplicationReader} reads, and computes its canonical
 * form and hash.
 *
 * <p>The written form leaves out what the reader would fill in anyway (false booleans, empty lists, absent
 * optional fields) and writes every amount as a string with two decimals ({@code "8000000.00"}), so the same
 * application always has the same text whichever way it was written.
 *
 * <p>The canonical form is that tree with the fields of every object sorted by name and the items of every list
 * sorted (by id where they have one, else by their own canonical text; in Java's {@code String} order), written
 * without whitespace in UTF-8. Its SHA-256 ({@link #sha256(Application)}) identifies the input of a decision: two
 * files that bind to the same application (fields in another order, list items in another order, {@code 8000000}
 * or {@code "8000000.00"}, a missing {@code false}) have the same hash, as they get the same decision.
 */
public final class ApplicationJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(NODES).build();

    /**
     * A record type's components in record order ([0]) and by name ([1]), found once per type: reflection makes
     * new component and accessor objects on every call.
     */
    private static final ClassValue<Component[][]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[][] computeValue(Class<?> type) {
            Component[] inOrder = Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), c.getAccessor())).toArray(Component[]::new);
            Component[] byName = inOrder.clone();
            Arrays.sort(byName, Comparator.comparing(Component::name));
            return new Component[][] {inOrder, byName};
        }
    };

    private record Component(String name, Method accessor) {
    }

    private ApplicationJson() {
    }

    /** The application as a tree, fields in record order. */
    public static ObjectNode toTree(Application application) {
        return (ObjectNode) write(application, false);
    }

    /** The application on one line of JSON, fields in record order: a line of a population file. */
    public static String toJsonLine(Application application) {
        return compact(toTree(application));
    }

    /**
     * The canonical JSON text: sorted field names, sorted list items, no whitespace, amounts with two decimals,
     * defaults left out.
     */
    public static String canonical(Application application) {
        return compact(write(application, true));
    }

    /** The SHA-256 of the canonical JSON's UTF-8 bytes, in 64 lower-case hex digits. */
    public static String sha256(Application application) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // The canonical text's UTF-8 bytes go straight into the digest: no String, no byte array.
            try (OutputStream into = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                MAPPER.writeValue(into, write(application, true));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An amount as the contract writes it: a decimal string with two places when it has at most two. */
    public static String amount(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.stripTrailingZeros().scale() <= 2 ? amount.setScale(2).toPlainString() : amount.toPlainString();
    }

    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode write(Object value, boolean sorted) {
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof BigDecimal d) {
            return NODES.textNode(amount(d));
        }
        if (value instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            if (sorted && list.size() > 1) {
                // The order of a list's items decides nothing, so the canonical form does not keep it: items with an
                // id (unique within its list) by id, other items (names, enum constants) by their canonical text.
                List<String> keys = new ArrayList<>(list.size());
                List<JsonNode> nodes = new ArrayList<>(list.size());
                for (Object item : list) {
                    JsonNode node = write(item, true);
                    nodes.add(node);
                    keys.add(node.has("id") ? node.get("id").textValue() : compact(node));
                }
                Integer[] order = new Integer[list.size()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparing(keys::get));
                for (int i : order) {
                    array.add(nodes.get(i));
                }
                return array;
            }
            list.forEach(item -> array.add(write(item, sorted)));
            return array;
        }
        if (value.getClass().isRecord()) {
            ObjectNode object = NODES.objectNode();
            for (Component c : COMPONENTS.get(value.getClass())[sorted ? 1 : 0]) {
                Object v = get(c, value);
                if (v == null || Boolean.FALSE.equals(v) || v instanceof List<?> l && l.isEmpty()) {
                    continue;
                }
                object.set(c.name(), write(v, sorted));
            }
            return object;
        }
        throw new IllegalStateException("no JSON form for " + value.getClass());
    }

    private static Object get(Component component, Object record) {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
        }
    }
}
