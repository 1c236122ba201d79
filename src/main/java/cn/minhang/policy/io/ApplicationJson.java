package cn.minhang.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;

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

    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * A record type's components in record order ([0]), by name ([1]), and the one named id if it has one ([2]),
     * found once per type: reflection makes new component and accessor objects on every call.
     */
    private static final ClassValue<Component[][]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[][] computeValue(Class<?> type) {
            Component[] inOrder = Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), c.getAccessor())).toArray(Component[]::new);
            Component[] byName = inOrder.clone();
            Arrays.sort(byName, Comparator.comparing(Component::name));
            Component[] id = Arrays.stream(inOrder).filter(c -> c.name().equals("id")).toArray(Component[]::new);
            return new Component[][] {inOrder, byName, id};
        }
    };

    private record Component(String name, Method accessor) {
    }

    private ApplicationJson() {
    }

    /** The application as a tree, fields in record order. */
    public static ObjectNode toTree(Application application) {
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            write(tokens, application, false);
            return (ObjectNode) MAPPER.readTree(tokens.asParser(MAPPER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application on one line of JSON, fields in record order: a line of a population file. */
    public static String toJsonLine(Application application) {
        return text(application, false);
    }

    /**
     * The canonical JSON text: sorted field names, sorted list items, no whitespace, amounts with two decimals,
     * defaults left out.
     */
    public static String canonical(Application application) {
        return text(application, true);
    }

    /**
     * The SHA-256 of the canonical JSON's UTF-8 bytes, in 64 lower-case hex digits. The canonical text is written
     * field by field straight into the digest: the bytes of {@link #canonical}, except that a character beyond the
     * Basic Multilingual Plane is written as the JSON escapes of its two surrogates (as Jackson's UTF-8 writer has
     * always written it here, so that every hash recorded stays the hash of its input).
     */
    public static String sha256(Application application) {
        DigestOutputStream hashed = KeptGenerator.write(HASHER, g -> write(g, application, true)).out();
        return HexFormat.of().formatHex(hashed.getMessageDigest().digest());
    }

    /**
     * Each thread's generator of canonical texts and the digest it writes into: {@link MessageDigest#digest()}
     * ends one hash and starts the next.
     */
    private static final ThreadLocal<KeptGenerator<DigestOutputStream>> HASHER = KeptGenerator.perThread(
            MAPPER.getFactory(), () -> new DigestOutputStream(OutputStream.nullOutputStream(), sha256Digest()));

    /** A fresh SHA-256 digest: a copy of one found once, as the look-up of the algorithm costs more than the copy. */
    private static MessageDigest sha256Digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** {@code value} as one line of JSON text: in record order, or {@code sorted} in the canonical order. */
    private static String text(Object value, boolean sorted) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(g, value, sorted);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /**
     * The one walk of the written form, onto a generator (a tree's token buffer, a text, the digest): fields in record
     * order, or {@code sorted} by name with the items of every list in the canonical order.
     */
    private static void write(JsonGenerator g, Object value, boolean sorted) throws IOException {
        if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeString(amount(d));
        } else if (value instanceof LocalDate d) {
            g.writeString(d.toString());
        } else if (value instanceof Enum<?> e) {
            g.writeString(e.name());
        } else if (value instanceof List<?> list) {
            writeList(g, list, sorted);
        } else if (value.getClass().isRecord()) {
            writeRecord(g, value, sorted);
        } else {
            throw new IllegalStateException("no JSON form for " + value.getClass());
        }
    }

    private static void writeRecord(JsonGenerator g, Object record, boolean sorted) throws IOException {
        g.writeStartObject();
        for (Component c : COMPONENTS.get(record.getClass())[sorted ? 1 : 0]) {
            Object v = get(c, record);
            if (isDefault(v)) {
                continue;
            }
            g.writeFieldName(c.name());
            write(g, v, sorted);
        }
        g.writeEndObject();
    }

    /**
     * A list's items; {@code sorted}, in the canonical order. The order of a list's items decides nothing, so the
     * canonical form does not keep it: items with an id (unique within its list) by id, other items (names, enum
     * constants) by their canonical text.
     */
    private static void writeList(JsonGenerator g, List<?> list, boolean sorted) throws IOException {
        g.writeStartArray();
        int size = list.size();
        if (!sorted || size < 2) {
            for (Object item : list) {
                write(g, item, sorted);
            }
        } else {
            String[] keys = new String[size];
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                keys[i] = sortKey(list.get(i));
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
            for (int i : order) {
                write(g, list.get(i), true);
            }
        }
        g.writeEndArray();
    }

    /**
     * What a list item is sorted by in the canonical form: its id where it is a record with a text id, else its
     * canonical text.
     */
    private static String sortKey(Object item) {
        if (item.getClass().isRecord()) {
            Component[] id = COMPONENTS.get(item.getClass())[2];
            if (id.length == 1 && get(id[0], item) instanceof String text) {
                return text;
            }
        }
        return text(item, true);
    }

    /** A value the written form leaves out: absent, false, or an empty list. */
    private static boolean isDefault(Object v) {
        return v == null || Boolean.FALSE.equals(v) || v instanceof List<?> l && l.isEmpty();
    }

    /**
     * An amount as the contract writes it: a decimal string with two places when it has at most two. The common
     * amount, already to the fen, is written as it is (stripping its zeros would only give it back).
     */
    public static String amount(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.scale() == 2) {
            return amount.toPlainString();
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

    private static Object get(Component component, Object record) {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass(), e);
        }
    }
}
