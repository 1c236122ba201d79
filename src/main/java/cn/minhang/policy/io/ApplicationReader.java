package cn.minhang.policy.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ApplicationChecks;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.InvalidFactException;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.MayBeAbsent;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.model.Violation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads an application from JSON or YAML. The field names are the record components of the model
 * ({@code products[].rndInvestment}); amounts may be JSON strings or numbers and are always read exactly.
 *
 * <p>Reading never stops at the first problem: it reports every unknown field, missing field, wrong type,
 * unknown enum constant and impossible value, each with its JSON path, and returns no application if there is
 * any. The only exception it throws for bad input is {@link InvalidApplicationException}.
 *
 * <p>Input is untrusted. A document is refused, as a problem at {@code $}, before it can cost more than a
 * bounded amount of memory and time: larger than {@link Limits#MAX_DOCUMENT_BYTES}, nested deeper than
 * {@link Limits#MAX_NESTING_DEPTH}, with more than {@link Limits#MAX_TOKENS} tokens, a number longer than
 * {@link Limits#MAX_NUMBER_LENGTH} characters, not valid UTF-8, with a duplicated field name, with anything after
 * the document, or (YAML) with an alias ({@code *name}: Jackson would read it as the anchor's name, not its
 * value). An application with more than {@link Limits#MAX_FACTS} facts is refused before its facts are bound;
 * ids and names longer than {@link Limits#MAX_TEXT_LENGTH} or with control characters are refused at their path.
 * At most {@link Limits#MAX_PROBLEMS} problems are listed; the rest are counted.
 */
public final class ApplicationReader {
    private static final JsonNodeFactory EXACT = JsonNodeFactory.withExactBigDecimals(true);
    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxDocumentLength(Limits.MAX_DOCUMENT_BYTES)
            .maxNestingDepth(Limits.MAX_NESTING_DEPTH)
            .maxNumberLength(Limits.MAX_NUMBER_LENGTH)
            .maxStringLength(Limits.MAX_DOCUMENT_BYTES)
            .maxNameLength(Limits.MAX_DOCUMENT_BYTES)
            .maxTokenCount(Limits.MAX_TOKENS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(CONSTRAINTS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .nodeFactory(EXACT)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(yamlLoaderOptions())
                    .streamReadConstraints(CONSTRAINTS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(EXACT)
            .build();
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private ApplicationReader() {
    }

    private static LoaderOptions yamlLoaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Limits.MAX_DOCUMENT_BYTES);
        options.setNestingDepthLimit(Limits.MAX_NESTING_DEPTH);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        return options;
    }

    /**
     * Reads a {@code .json}, {@code .yaml} or {@code .yml} file. A file larger than
     * {@link Limits#MAX_DOCUMENT_BYTES} is refused from its size, without being read.
     *
     * @throws UncheckedIOException if the file cannot be read at all (missing, not readable)
     */
    public static Application read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > Limits.MAX_DOCUMENT_BYTES) {
                throw tooLarge(size + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = readBounded(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? fromYaml(decode(bytes)) : fromJson(bytes);
    }

    /** Reads JSON from a stream (a request body), reading at most {@link Limits#MAX_DOCUMENT_BYTES} + 1 bytes. */
    public static Application fromJson(InputStream in) throws IOException {
        return fromJson(readBounded(in));
    }

    /**
     * Reads JSON from its UTF-8 bytes (a line of a batch, a request body): the same application, and for bad input
     * the same problems, as {@link #fromJson(String)} of the text they encode; bytes that are not valid UTF-8 are
     * refused as such.
     */
    public static Application fromJson(byte[] utf8) {
        return fromTree(parseJson(utf8));
    }

    /** Reads YAML from a stream, reading at most {@link Limits#MAX_DOCUMENT_BYTES} + 1 bytes. */
    public static Application fromYaml(InputStream in) throws IOException {
        return fromYaml(decode(readBounded(in)));
    }

    public static Application fromJson(String text) {
        return fromTree(parseJson(text));
    }

    public static Application fromYaml(String text) {
        return fromTree(parseYaml(text));
    }

    /** Parses JSON text into a tree with exact decimals, or fails with the position of the syntax error. */
    public static JsonNode parseJson(String text) {
        checkLength(text);
        if (text.startsWith("\uFEFF")) {
            throw new InvalidApplicationException(List.of(new Problem("$", "malformed JSON at line 1, column 1: the "
                    + "document starts with a byte-order mark (U+FEFF); save it as UTF-8 without one")));
        }
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            return tree(JSON, parser, "JSON");
        } catch (IOException e) {
            throw malformed("JSON", e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw unreadableNumber("JSON", e);
        }
    }

    /**
     * Parses JSON from its UTF-8 bytes, without decoding them to text first: Jackson reads bytes faster than a
     * string. A document the parser refuses is parsed again as text, so that its problem is worded exactly as
     * {@link #parseJson(String)} words it (positions counted in characters, not bytes); so is one that starts
     * with a byte-order mark or a zero byte, from which Jackson would guess another encoding than UTF-8.
     */
    public static JsonNode parseJson(byte[] utf8) {
        if (utf8.length > Limits.MAX_DOCUMENT_BYTES) {
            throw tooLarge(utf8.length + " bytes");
        }
        if (!Utf8.valid(utf8)) {
            throw notUtf8();
        }
        if (!Utf8.plainStart(utf8)) {
            return parseJson(new String(utf8, StandardCharsets.UTF_8));
        }
        try (JsonParser parser = JSON.getFactory().createParser(utf8)) {
            return tree(JSON, parser, "JSON");
        } catch (IOException | InvalidApplicationException | NumberFormatException | ArithmeticException e) {
            return parseJson(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    /**
     * Parses YAML text into a tree with exact decimals, or fails with the position of the syntax error. Aliases
     * are refused: an application has no use for them, and Jackson would silently read {@code *name} as the
     * text "name".
     */
    public static JsonNode parseYaml(String text) {
        checkLength(text);
        try (JsonParser parser = new NoAliases(YAML.getFactory().createParser(text))) {
            return tree(YAML, parser, "YAML");
        } catch (IOException e) {
            throw malformed("YAML", e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new InvalidApplicationException(List.of(new Problem("$", "malformed YAML: "
                    + clean(e.getMessage()))));
        } catch (NumberFormatException | ArithmeticException e) {
            throw unreadableNumber("YAML", e);
        }
    }

    /**
     * A number Jackson cannot represent, such as {@code 1e4000000000} (its exponent does not fit in an int):
     * Jackson throws NumberFormatException rather than a parse error.
     */
    private static InvalidApplicationException unreadableNumber(String format, RuntimeException e) {
        return new InvalidApplicationException(List.of(new Problem("$", "malformed " + format
                + ": a number cannot be read exactly (" + clean(e.getMessage()) + ")")));
    }

    private static JsonNode tree(ObjectMapper mapper, JsonParser parser, String format) throws IOException {
        JsonNode node = mapper.readTree(parser);
        if (node == null || node.isMissingNode()) {
            throw new InvalidApplicationException(List.of(new Problem("$", "the " + format + " document is empty")));
        }
        // Checked here rather than by FAIL_ON_TRAILING_TOKENS, whose message names Jackson's classes and features.
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new InvalidApplicationException(List.of(new Problem("$", "malformed " + format + " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ": more follows the end of the document"
                    + ("YAML".equals(format) ? " (one document per file)" : ""))));
        }
        return node;
    }

    private static InvalidApplicationException malformed(String format, IOException e) {
        if (e instanceof StreamConstraintsException limit) {
            return new InvalidApplicationException(List.of(new Problem("$", "the " + format
                    + " document exceeds a limit: " + clean(limit.getOriginalMessage()))));
        }
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        JsonLocation location = e instanceof JsonProcessingException p ? p.getLocation() : null;
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
        return new InvalidApplicationException(List.of(new Problem("$", "malformed " + format + where + ": "
                + clean(message))));
    }

    /**
     * Where Jackson names a place in its message ("start marker at [Source: REDACTED (`StreamReadFeature…`
     * disabled); line: 1, column: 28]"), the place alone: the source's description names a feature of the parser,
     * which says nothing to whoever wrote the document; so does the method a limit comes from ("(20, from
     * `StreamReadConstraints.getMaxNestingDepth()`)" is "(20)").
     */
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** A parser's message, without control characters and cut to a readable length. */
    private static String clean(String message) {
        String text = JACKSON_SOURCE.matcher(String.valueOf(message)).replaceAll("line $1, column $2")
                .replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`", "").strip()
                .replaceAll("\\s*\\R\\s*", " | ");
        if (text.length() > 300) {
            text = text.substring(0, 300) + "…";
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Limits.textProblem(new String(Character.toChars(c))) != null) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static void checkLength(String text) {
        if (text.length() > Limits.MAX_DOCUMENT_BYTES) {
            throw tooLarge(text.length() + " characters");
        }
    }

    private static InvalidApplicationException tooLarge(String size) {
        return new InvalidApplicationException(List.of(new Problem("$", "the document is " + size
                + " long; at most " + Limits.MAX_DOCUMENT_BYTES + " bytes are read")));
    }

    /** Reads at most one byte more than the limit, so that a larger stream is refused without being held. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(Limits.MAX_DOCUMENT_BYTES + 1);
        if (bytes.length > Limits.MAX_DOCUMENT_BYTES) {
            throw tooLarge("more than " + Limits.MAX_DOCUMENT_BYTES + " bytes");
        }
        return bytes;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notUtf8();
        }
    }

    private static InvalidApplicationException notUtf8() {
        return new InvalidApplicationException(List.of(new Problem("$", "the document is not valid UTF-8")));
    }

    /** Fails on the first YAML alias ({@code *name}). */
    private static final class NoAliases extends JsonParserDelegate {
        NoAliases(JsonParser yaml) {
            super(yaml);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (delegate instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                throw new JsonParseException(this, "YAML aliases (*" + clean(yaml.getText())
                        + ") are not supported; write the value out in full");
            }
            return token;
        }
    }

    /** Binds a parsed tree; every problem is collected before anything is rejected. */
    public static Application fromTree(JsonNode node) {
        Problems problems = new Problems();
        if (node.isObject() && !countFacts(node, problems)) {
            throw new InvalidApplicationException(problems.list());
        }
        Object[] partial = new Object[RecordType.OF.get(Application.class).names().length];
        Application application = (Application) bindRecord(Application.class, node, "$", problems, partial);
        if (application != null) {
            ApplicationChecks.problems(application).forEach(problems::add);
        } else if (node.isObject()) {
            partlyReadChecks(node, partial).forEach(problems::add);
        }
        if (problems.count() > 0 || application == null) {
            throw new InvalidApplicationException(problems.list());
        }
        return application;
    }

    /**
     * Refuses an application with more facts than {@link Limits#MAX_FACTS} (or a list longer than
     * {@link Limits#MAX_LIST_ITEMS}) before binding any of them. True when within the limits.
     */
    private static boolean countFacts(JsonNode node, Problems problems) {
        long facts = 0;
        for (String name : RecordType.OF.get(Application.class).names()) {
            JsonNode value = node.get(name);
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                if (value.size() > Limits.MAX_LIST_ITEMS) {
                    problems.add(new Problem("$." + name, "has " + value.size() + " items; at most "
                            + Limits.MAX_LIST_ITEMS + " are allowed"));
                }
                facts += value.size();
            } else if (value.isObject()) {
                facts++;
            }
        }
        if (facts > Limits.MAX_FACTS) {
            problems.add(new Problem("$", "the application has " + facts + " facts; at most " + Limits.MAX_FACTS
                    + " are allowed in one application"));
        }
        return problems.count() == 0;
    }

    /**
     * What binding needs to know of a record type, found once per type: reflection makes new component,
     * annotation, generic-type and constructor objects on every call, and parses their signatures again.
     */
    private record RecordType(Class<?> type, RecordComponent[] components, String[] names, Type[] generics,
            boolean[] mayBeAbsent, Set<String> known, Constructor<?> canonical, String fieldNames) {
        private static final ClassValue<RecordType> OF = new ClassValue<>() {
            @Override
            protected RecordType computeValue(Class<?> type) {
                RecordComponent[] components = type.getRecordComponents();
                String[] names = new String[components.length];
                Type[] generics = new Type[components.length];
                boolean[] mayBeAbsent = new boolean[components.length];
                Class<?>[] types = new Class<?>[components.length];
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    generics[i] = components[i].getGenericType();
                    mayBeAbsent[i] = components[i].isAnnotationPresent(MayBeAbsent.class);
                    types[i] = components[i].getType();
                }
                try {
                    return new RecordType(type, components, names, generics, mayBeAbsent, Set.of(names),
                            type.getDeclaredConstructor(types), String.join(", ", names));
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
                }
            }
        };
    }

    /**
     * The cross-fact checks of an application some of whose fields could not be read, over the ids, subjects and
     * years as the document writes them, each at its index there: an item whose other fields are wrong still
     * has its id.
     */
    private static List<Problem> partlyReadChecks(JsonNode node, Object[] values) {
        Map<String, List<String>> ids = new HashMap<>();
        for (String name : RecordType.OF.get(Application.class).names()) {
            ids.put(name, texts(items(node, name), "id"));
        }
        List<Integer> years = new ArrayList<>();
        for (JsonNode item : items(node, "computeExpenses")) {
            JsonNode year = item.get("year");
            years.add(year != null && year.isIntegralNumber() && year.canConvertToInt() ? year.intValue() : null);
        }
        int dated = Arrays.asList(RecordType.OF.get(Application.class).names()).indexOf("applicationDate");
        LocalDate date = values[dated] instanceof LocalDate day ? day : null;
        return ApplicationChecks.problems(text(node.path("enterprise"), "id"), date, ids,
                texts(items(node, "otherAwards"), "subject"), years);
    }

    /** The items of the list {@code name}; none where it is not a list. */
    private static Iterable<JsonNode> items(JsonNode node, String name) {
        JsonNode list = node.path(name);
        return list.isArray() ? list : List.of();
    }

    /** The text of the field {@code name} of each item, null where it is not text. */
    private static List<String> texts(Iterable<JsonNode> items, String name) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            texts.add(text(item, name));
        }
        return texts;
    }

    /** The text of the field {@code name} of {@code node}; null where it is not text. */
    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static Object bindRecord(Class<?> type, JsonNode node, String path, Problems problems) {
        return bindRecord(type, node, path, problems, null);
    }

    /**
     * Binds a record. Where a field cannot be read, the fact's own checks still judge the fields that could, so
     * that no problem hides another; the record is then not built, and {@code read} (when given) receives the
     * values that were read, null for the others, lists with null at each item that could not be read.
     */
    private static Object bindRecord(Class<?> type, JsonNode node, String path, Problems problems, Object[] read) {
        RecordType record = RecordType.OF.get(type);
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object with the fields " + record.fieldNames() + ", was "
                    + describe(node)));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!record.known().contains(name)) {
                problems.add(new Problem(field(path, name), "is not a field of " + type.getSimpleName()
                        + "; its fields are " + record.fieldNames()));
            }
        }
        long before = problems.count();
        Object[] values = new Object[record.names().length];
        boolean[] unread = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            RecordComponent c = record.components()[i];
            JsonNode value = node.get(record.names()[i]);
            String at = path + "." + record.names()[i];
            long problemsBefore = problems.count();
            if (value == null || value.isNull()) {
                values[i] = absent(c.getType(), record.mayBeAbsent()[i], at, problems);
            } else {
                values[i] = bind(c.getType(), record.generics()[i], value, at, problems);
            }
            unread[i] = problems.count() > problemsBefore;
        }
        if (problems.count() > before) {
            if (read != null) {
                System.arraycopy(values, 0, read, 0, values.length);
            }
            checkWhatWasRead(record, values, unread, path, problems);
            return null;
        }
        return construct(record, values, path, problems);
    }

    /**
     * The fact's own checks of the fields that were read, when others could not be: the fields that could not be
     * read are given as absent (a list as the items that were read), and what the fact says of them is left out,
     * as their problem is already named.
     */
    private static void checkWhatWasRead(RecordType record, Object[] values, boolean[] unread, String path,
                                         Problems problems) {
        Object[] partial = values.clone();
        for (int i = 0; i < partial.length; i++) {
            if (unread[i] && partial[i] instanceof List<?> items) {
                partial[i] = items.stream().filter(Objects::nonNull).toList();
            }
        }
        construct(record, partial, path, problems, unread);
    }

    private static Object construct(RecordType record, Object[] values, String path, Problems problems) {
        return construct(record, values, path, problems, null);
    }

    /**
     * The record built from {@code values}, or null with the fact's problems added. {@code unread} (null: none)
     * marks fields whose problem is already named: what the fact says of them is left out, and so is a failure
     * that is not one of the fact's checks (the fact was given those fields as absent).
     */
    private static Object construct(RecordType record, Object[] values, String path, Problems problems,
                                    boolean[] unread) {
        try {
            return record.canonical().newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidFactException invalid) {
                for (Violation v : invalid.violations()) {
                    int i = Arrays.asList(record.names()).indexOf(v.field().split("[.\\[]", 2)[0]);
                    if (unread == null || i < 0 || !unread[i]) {
                        problems.add(new Problem(path + "." + v.field(), v.message()));
                    }
                }
            } else if (unread == null) {
                problems.add(new Problem(path, clean(String.valueOf(e.getCause().getMessage()))));
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + record.type().getSimpleName(), e);
        }
    }

    /** The path of a field; a name that is not a plain identifier is quoted, so a path never carries raw input. */
    private static String field(String path, String name) {
        return FIELD_NAME.matcher(name).matches() ? path + "." + name : path + "[" + Limits.quote(name) + "]";
    }

    private static Object absent(Class<?> t, boolean mayBeAbsent, String at, Problems problems) {
        if (t == boolean.class) {
            return false;
        }
        if (t == List.class) {
            return List.of();
        }
        if (mayBeAbsent) {
            return null;
        }
        problems.add(new Problem(at, "is required"));
        return t == int.class ? 0 : null;
    }

    private static Object bind(Class<?> type, Type generic, JsonNode value, String at, Problems problems) {
        if (type == String.class) {
            if (!value.isTextual()) {
                problems.add(new Problem(at, "must be a string, was " + describe(value)));
                return null;
            }
            String problem = Limits.textProblem(value.textValue());
            if (problem != null) {
                problems.add(new Problem(at, problem));
                return null;
            }
            return value.textValue();
        }
        if (type == boolean.class) {
            if (!value.isBoolean()) {
                problems.add(new Problem(at, "must be true or false, was " + describe(value)));
                return false;
            }
            return value.booleanValue();
        }
        if (type == int.class) {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problems.add(new Problem(at, "must be a whole number, was " + describe(value)));
                return 0;
            }
            return value.intValue();
        }
        if (type == BigDecimal.class) {
            return amount(value, at, problems);
        }
        if (type == LocalDate.class) {
            if (!value.isTextual()) {
                problems.add(new Problem(at, "must be a date written as YYYY-MM-DD, was " + describe(value)));
                return null;
            }
            try {
                return LocalDate.parse(value.textValue());
            } catch (DateTimeParseException e) {
                problems.add(new Problem(at, "must be a date written as YYYY-MM-DD, was " + describe(value)));
                return null;
            }
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            if (value.isTextual()) {
                for (Object constant : constants) {
                    if (((Enum<?>) constant).name().equals(value.textValue())) {
                        return constant;
                    }
                }
            }
            problems.add(new Problem(at, "must be one of " + Arrays.stream(constants).map(String::valueOf)
                    .collect(Collectors.joining(", ")) + ", was " + describe(value)));
            return null;
        }
        if (type == List.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> elementClass = (Class<?>) element;
            if (!value.isArray()) {
                problems.add(new Problem(at, "must be a list, was " + describe(value)));
                return List.of();
            }
            if (value.size() > Limits.MAX_LIST_ITEMS) {
                problems.add(new Problem(at, "has " + value.size() + " items; at most " + Limits.MAX_LIST_ITEMS
                        + " are allowed"));
                return List.of();
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String itemAt = at + "[" + i + "]";
                if (item.isNull()) {
                    problems.add(new Problem(itemAt, "must not be null"));
                    items.add(null);
                    continue;
                }
                items.add(bind(elementClass, element, item, itemAt, problems));
            }
            return items;
        }
        if (type.isRecord()) {
            return bindRecord(type, value, at, problems);
        }
        throw new IllegalStateException("no binding for " + type);
    }

    /**
     * An amount in yuan: a JSON or YAML number, or a string of digits with an optional sign and decimals. Read
     * exactly; {@code 1e400} is read as the number it is and then refused for its size by the fact's own check,
     * {@code -0} is zero. NaN and infinities are not numbers in JSON, and are refused as text.
     */
    private static BigDecimal amount(JsonNode value, String at, Problems problems) {
        if (value.isNumber()) {
            if (value.isFloat() || value.isDouble()) {
                problems.add(new Problem(at, "must be an exact decimal; write it as a string, was " + value));
                return null;
            }
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.length() > Limits.MAX_AMOUNT_TEXT_LENGTH || !Limits.PLAIN_DECIMAL.matcher(text).matches()) {
                problems.add(new Problem(at, "must be an amount in yuan such as \"2400000.00\" (digits, an optional "
                        + "sign and decimals, no exponent), was " + describe(value)));
                return null;
            }
            return new BigDecimal(text);
        }
        problems.add(new Problem(at, "must be an amount in yuan (a string or a number), was " + describe(value)));
        return null;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string " + Limits.quote(value.textValue());
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBinary()) {
            return "binary data";
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? Limits.show(value.decimalValue()) : value.toString();
        }
        return value.toString();
    }

    /** The problems of one document: every one counted, the first {@link Limits#MAX_PROBLEMS} kept. */
    private static final class Problems {
        private final List<Problem> kept = new ArrayList<>();
        private long count;

        void add(Problem problem) {
            if (count++ < Limits.MAX_PROBLEMS) {
                kept.add(problem);
            }
        }

        long count() {
            return count;
        }

        List<Problem> list() {
            if (count <= Limits.MAX_PROBLEMS) {
                return kept;
            }
            List<Problem> all = new ArrayList<>(kept);
            all.add(new Problem("$", (count - Limits.MAX_PROBLEMS) + " more problem(s) not listed; at most "
                    + Limits.MAX_PROBLEMS + " are listed"));
            return all;
        }
    }
}
