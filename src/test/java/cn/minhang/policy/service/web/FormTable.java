package cn.minhang.policy.service.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The page's label table (web/form.json) as the tests read it. */
record FormTable(JsonNode root, List<Section> sections) {
    static final String RESOURCE = "/cn/minhang/policy/service/web/form.json";

    record Section(String key, String kind, String zh, String en, List<Field> fields, JsonNode node) {
    }

    /** A field; {@code name} is relative to its item ({@code rndInvestment}), or dotted in the root section. */
    record Field(String name, String type, String enumName, boolean required, List<String> clauses, String zh,
                 String en, JsonNode node) {
    }

    static FormTable load() throws IOException {
        try (InputStream in = FormTable.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Section> sections = new ArrayList<>();
            for (JsonNode s : root.get("sections")) {
                List<Field> fields = new ArrayList<>();
                for (JsonNode f : s.get("fields")) {
                    List<String> clauses = new ArrayList<>();
                    f.path("clauses").forEach(c -> clauses.add(c.asText()));
                    fields.add(new Field(f.path("name").asText(), f.path("type").asText(),
                            f.hasNonNull("enum") ? f.get("enum").asText() : null, f.path("required").asBoolean(false),
                            clauses, f.path("zh").asText(), f.path("en").asText(), f));
                }
                sections.add(new Section(s.path("key").asText(), s.path("kind").asText(), s.path("zh").asText(),
                        s.path("en").asText(), fields, s));
            }
            return new FormTable(root, sections);
        }
    }

    Section section(String key) {
        return sections.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    /** The JSON path of a field in the first item of its section (or the field itself in the root section). */
    static String path(Section section, Field field) {
        return switch (section.kind()) {
            case "root" -> "$." + field.name();
            case "list" -> "$." + section.key() + "[0]." + field.name();
            default -> "$." + section.key() + "." + field.name();
        };
    }
}
