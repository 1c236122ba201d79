package cn.minhang.policy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ApplicationChecks;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.InvalidFactException;
import cn.minhang.policy.model.MayBeAbsent;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.model.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an application from JSON or YAML. The field names are the record components of the model
 * ({@code products[].rndInvestment}); amounts may be JSON strings or numbers and are always read exactly.
 *
 * <p>Reading never stops at the first problem: it reports every unknown field, missing field, wrong type,
 * unknown enum constant and impossible value, each with its JSON path, and returns no application if there is
 * any.
 */
public final class ApplicationReader {
    private static final JsonNodeFactory EXACT = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .nodeFactory(EXACT)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(EXACT)
            .build();

    private ApplicationReader() {
    }

    /** Reads a {@code .json}, {@code .yaml} or {@code .yml} file. */
    public static Application read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") ? fromYaml(text) : fromJson(text);
    }

    public static Application fromJson(String text) {
        return fromTree(parse(JSON, text, "JSON"));
    }

    public static Application fromYaml(String text) {
        return fromTree(parse(YAML, text, "YAML"));
    }

    /** Parses JSON text into a tree with exact decimals, or fails with the position of the syntax error. */
    public static JsonNode parseJson(String text) {
        return parse(JSON, text, "JSON");
    }

    /** Parses YAML text into a tree with exact decimals, or fails with the position of the syntax error. */
    public static JsonNode parseYaml(String text) {
        return parse(YAML, text, "YAML");
    }

    private static JsonNode parse(ObjectMapper mapper, String text, String format) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidApplicationException(List.of(new Problem("$", "the " + format + " document is empty")));
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new InvalidApplicationException(List.of(new Problem("$", "malformed " + format + where + ": "
                    + e.getOriginalMessage())));
        }
    }

    /** Binds a parsed tree; every problem is collected before anything is rejected. */
    public static Application fromTree(JsonNode node) {
        List<Problem> problems = new ArrayList<>();
        Application application = (Application) bindRecord(Application.class, node, "$", problems);
        if (application != null) {
            problems.addAll(ApplicationChecks.problems(application));
        }
        if (!problems.isEmpty() || application == null) {
            throw new InvalidApplicationException(problems);
        }
        return application;
    }

    private static Object bindRecord(Class<?> type, JsonNode node, String path, List<Problem> problems) {
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be an object with the fields " + fieldNames(type)));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new Problem(path + "." + name, "is not a field of " + type.getSimpleName()
                        + "; its fields are " + fieldNames(type)));
            }
        }
        int before = problems.size();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            JsonNode value = node.get(c.getName());
            String at = path + "." + c.getName();
            if (value == null || value.isNull()) {
                values[i] = absent(c, at, problems);
            } else {
                values[i] = bind(c.getType(), c.getGenericType(), value, at, problems);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof InvalidFactException invalid) {
                for (Violation v : invalid.violations()) {
                    problems.add(new Problem(path + "." + v.field(), v.message()));
                }
            } else {
                problems.add(new Problem(path, String.valueOf(e.getCause().getMessage())));
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object absent(RecordComponent c, String at, List<Problem> problems) {
        Class<?> t = c.getType();
        if (t == boolean.class) {
            return false;
        }
        if (t == List.class) {
            return List.of();
        }
        if (c.isAnnotationPresent(MayBeAbsent.class)) {
            return null;
        }
        problems.add(new Problem(at, "is required"));
        return t == int.class ? 0 : null;
    }

    private static Object bind(Class<?> type, Type generic, JsonNode value, String at, List<Problem> problems) {
        if (type == String.class) {
            if (!value.isTextual()) {
                problems.add(new Problem(at, "must be a string, was " + describe(value)));
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
                problems.add(new Problem(at, "must be a date written as YYYY-MM-DD, was \"" + value.textValue() + "\""));
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
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String itemAt = at + "[" + i + "]";
                if (item.isNull()) {
                    problems.add(new Problem(itemAt, "must not be null"));
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

    private static BigDecimal amount(JsonNode value, String at, List<Problem> problems) {
        BigDecimal amount = null;
        if (value.isNumber()) {
            if (value.isFloat() || value.isDouble()) {
                problems.add(new Problem(at, "must be an exact decimal; write it as a string, was " + value));
                return null;
            }
            amount = value.decimalValue();
        } else if (value.isTextual()) {
            String text = value.textValue().strip();
            if (!text.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
                problems.add(new Problem(at, "must be an amount in yuan such as \"2400000.00\", was \"" + value.textValue()
                        + "\""));
                return null;
            }
            amount = new BigDecimal(text);
        } else {
            problems.add(new Problem(at, "must be an amount in yuan (a string or a number), was " + describe(value)));
            return null;
        }
        return amount;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string \"" + value.textValue() + "\"";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }

    private static String fieldNames(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }
}
