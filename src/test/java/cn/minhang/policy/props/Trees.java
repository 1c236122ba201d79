package cn.minhang.policy.props;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Writes a fact (any record of the model) as the JSON tree the reader reads: amounts as strings, exactly. */
final class Trees {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final ObjectMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Trees() {
    }

    static JsonNode tree(Object value) {
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
            // 1E+7 is written as the number it is, so that reading it back gives the same BigDecimal
            return d.scale() < 0 ? NODES.numberNode(d) : NODES.textNode(d.toPlainString());
        }
        if (value instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(tree(item)));
            return array;
        }
        if (value instanceof Record record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent c : record.getClass().getRecordComponents()) {
                Object v = Generators.get(c, record);
                if (v != null) {
                    object.set(c.getName(), tree(v));
                }
            }
            return object;
        }
        throw new IllegalArgumentException("no tree for " + value);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value instanceof JsonNode n ? n : tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String yaml(Object value) {
        try {
            return YAML.writeValueAsString(value instanceof JsonNode n ? n : tree(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
