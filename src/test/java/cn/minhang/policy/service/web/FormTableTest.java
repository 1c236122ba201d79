package cn.minhang.policy.service.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calculator's label table (web/form.json) against the application schema: every field of the schema has a
 * place on the page, with its type, whether it is required, a Chinese and an English label and the clauses it
 * serves; every enum constant, clause and line status the page can meet has a label in both languages. The
 * browser test then proves that the page renders every entry of the table as a labelled input.
 */
class FormTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode schema;
    private static JsonNode defs;
    private static JsonNode decisionSchema;
    private static FormTable table;

    @BeforeAll
    static void read() throws IOException {
        schema = JSON.readTree(Path.of("schema/application.schema.json").toFile());
        defs = schema.get("$defs");
        decisionSchema = JSON.readTree(Path.of("schema/decision.schema.json").toFile());
        table = FormTable.load();
    }

    @Test
    void theSectionsFollowTheApplicationInTheSchemasOrderWithTheEnterpriseFirst() {
        List<String> expected = new ArrayList<>();
        expected.add("enterprise");
        names(defs.get("Application").get("properties")).stream()
                .filter(name -> !List.of("id", "applicationDate", "enterprise").contains(name))
                .forEach(expected::add);
        assertThat(table.sections()).extracting(FormTable.Section::key).containsExactlyElementsOf(expected);
    }

    @Test
    void theFirstSectionHoldsTheApplicationsOwnFieldsAndEveryFieldOfTheEnterprise() {
        FormTable.Section root = table.section("enterprise");
        assertThat(root.kind()).isEqualTo("root");
        List<String> expected = new ArrayList<>(List.of("id", "applicationDate"));
        names(defs.get("Enterprise").get("properties")).forEach(n -> expected.add("enterprise." + n));
        assertThat(root.fields()).extracting(FormTable.Field::name).containsExactlyElementsOf(expected);
        JsonNode application = defs.get("Application");
        JsonNode enterprise = defs.get("Enterprise");
        for (FormTable.Field field : root.fields()) {
            boolean nested = field.name().startsWith("enterprise.");
            JsonNode def = nested ? enterprise : application;
            String name = nested ? field.name().substring("enterprise.".length()) : field.name();
            assertField(root, field, def, name);
        }
    }

    @Test
    void everyOtherSectionHasEveryFieldOfItsRecordWithItsTypeAndWhetherItIsRequired() {
        JsonNode properties = defs.get("Application").get("properties");
        for (FormTable.Section section : table.sections().subList(1, table.sections().size())) {
            JsonNode property = properties.get(section.key());
            String record;
            if (property.has("items")) {
                assertThat(section.kind()).as(section.key()).isEqualTo("list");
                record = ref(property.get("items"));
            } else {
                assertThat(section.kind()).as(section.key()).isEqualTo("object");
                record = ref(property.get("anyOf").get(0));
            }
            JsonNode def = defs.get(record);
            assertThat(section.fields()).as(section.key()).extracting(FormTable.Field::name)
                    .containsExactlyElementsOf(names(def.get("properties")));
            for (FormTable.Field field : section.fields()) {
                assertField(section, field, def, field.name());
            }
            assertThat(section.node().path("itemZh").asText()).as(section.key()).isNotBlank();
            assertThat(section.node().path("itemEn").asText()).as(section.key()).isNotBlank();
            if (section.kind().equals("list")) {
                assertThat(section.node().path("idPrefix").asText()).as(section.key()).matches("[A-Z]+");
            }
        }
    }

    private static void assertField(FormTable.Section section, FormTable.Field field, JsonNode def, String name) {
        String at = section.key() + " / " + field.name();
        JsonNode property = def.get("properties").get(name);
        assertThat(property).as(at + " is a field of the schema").isNotNull();
        assertThat(field.type()).as(at).isEqualTo(typeOf(property));
        if (field.type().equals("enum") || field.type().equals("enumList")) {
            JsonNode target = field.type().equals("enum") ? property : property.get("items");
            assertThat(field.enumName()).as(at).isEqualTo(ref(target));
        }
        boolean required = false;
        for (JsonNode r : def.path("required")) {
            required |= r.asText().equals(name);
        }
        assertThat(field.required()).as(at + " required").isEqualTo(required);
        assertThat(field.zh()).as(at + " zh").isNotBlank();
        assertThat(field.en()).as(at + " en").isNotBlank();
        if (!(section.kind().equals("root") && field.name().equals("id"))) {
            assertThat(field.clauses()).as(at + " clauses").isNotEmpty();
        }
        assertThat(knownClauses()).as(at + " clauses").containsAll(field.clauses());
    }

    /** The page's type of a schema property. */
    private static String typeOf(JsonNode property) {
        if (property.has("$ref")) {
            String ref = ref(property);
            return switch (ref) {
                case "text", "printable" -> "text";
                case "date" -> "date";
                case "amount" -> "amount";
                default -> defs.get(ref).has("enum") ? "enum" : "object:" + ref;
            };
        }
        if (property.has("anyOf")) {
            return typeOf(property.get("anyOf").get(0));
        }
        JsonNode type = property.get("type");
        String first = type.isArray() ? type.get(0).asText() : type.asText();
        return switch (first) {
            case "boolean" -> "boolean";
            case "integer" -> "integer";
            case "array" -> typeOf(property.get("items")).equals("enum") ? "enumList" : "textList";
            default -> first;
        };
    }

    @Test
    void everyConstantOfEveryEnumOnThePageHasAChineseAndAnEnglishLabel() {
        Set<String> used = new LinkedHashSet<>();
        table.sections().forEach(s -> s.fields().stream().filter(f -> f.enumName() != null)
                .forEach(f -> used.add(f.enumName())));
        JsonNode enums = table.root().get("enums");
        assertThat(names(enums)).containsExactlyInAnyOrderElementsOf(used);
        for (String name : used) {
            List<String> constants = new ArrayList<>();
            defs.get(name).get("enum").forEach(c -> constants.add(c.asText()));
            assertThat(names(enums.get(name))).as(name).containsExactlyElementsOf(constants);
            for (String constant : constants) {
                assertThat(enums.get(name).get(constant).path("zh").asText()).as(name + "." + constant).isNotBlank();
                assertThat(enums.get(name).get(constant).path("en").asText()).as(name + "." + constant).isNotBlank();
            }
        }
    }

    @Test
    void everyClauseAndEveryLineStatusOfTheDecisionHasATitleInBothLanguages() {
        JsonNode clauses = table.root().get("clauses");
        assertThat(names(clauses)).containsExactlyInAnyOrderElementsOf(knownClauses());
        JsonNode statuses = table.root().get("statuses");
        List<String> expected = new ArrayList<>();
        decisionSchema.get("$defs").get("Line").get("properties").get("status").get("enum")
                .forEach(s -> expected.add(s.asText()));
        assertThat(names(statuses)).containsExactlyElementsOf(expected);
        for (JsonNode titles : List.of(clauses, statuses)) {
            titles.forEach(t -> {
                assertThat(t.path("zh").asText()).isNotBlank();
                assertThat(t.path("en").asText()).isNotBlank();
            });
        }
    }

    @Test
    void thePageLoadsNothingFromOutsideTheService() throws IOException {
        for (String asset : List.of("index.html", "calculator.css", "calculator.js", "form.json")) {
            String text = resource(asset);
            assertThat(text).as(asset).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                    .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("@font-face");
        }
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"#][^\"]*)\"").matcher(resource("index.html"));
        List<String> found = new ArrayList<>();
        while (references.find()) {
            found.add(references.group(1));
        }
        assertThat(found).containsExactlyInAnyOrder("calculator.css", "calculator.js");
        for (String reference : found) {
            assertThat(FormTableTest.class.getResource("/cn/minhang/policy/service/web/" + reference)).isNotNull();
        }
    }

    private static Set<String> knownClauses() {
        Set<String> known = new LinkedHashSet<>(List.of("general"));
        decisionSchema.get("$defs").get("clause").get("enum").forEach(c -> known.add(c.asText()));
        known.add("closing");
        return known;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = FormTableTest.class.getResourceAsStream("/cn/minhang/policy/service/web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String ref(JsonNode node) {
        String ref = node.get("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
