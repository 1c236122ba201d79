package cn.minhang.policy.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.population.PopulationGenerator;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApplicationSchemaTest {
    private static final String VALID = """
            {"id": "A1", "applicationDate": "2026-03-01",
             "enterprise": {"id": "E1", "name": "示例科技", "locatedInDistrict": true, "embodiedAiField": true},
             "products": [{"id": "P1", "name": "关节", "category": "INTEGRATED_JOINT", "rndInvestment": %s,
                           "ownIp": true, "marketSales": true}]}
            """;

    @Test
    void theCommittedSchemaIsTheOneGeneratedFromTheModel() throws Exception {
        String committed = Files.readString(SchemaValidator.FILE, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("schema/application.schema.json is out of date: regenerate it with ./policy schema > %s",
                        SchemaValidator.FILE)
                .isEqualTo(ApplicationSchema.text());
    }

    static Stream<SpecCase> specApplications() {
        return SpecRunner.load(Path.of("specs")).stream().filter(c -> c.expectedErrorPaths().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specApplications")
    void everySpecApplicationIsValidAgainstTheSchema(SpecCase c) {
        assertThat(SchemaValidator.errors(c.application().toString())).as(c.file() + " — " + c.name()).isEmpty();
    }

    @Test
    void thereAreSpecApplicationsToValidate() {
        assertThat(specApplications().count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aGeneratedPopulationIsValidAgainstTheSchema() {
        new PopulationGenerator(3).stream(300).forEach(a ->
                assertThat(SchemaValidator.errors(ApplicationJson.toJsonLine(a))).as(a.id()).isEmpty());
    }

    @ParameterizedTest(name = "amount {0}")
    @MethodSource("goodAmounts")
    void amountsTheReaderAcceptsTheSchemaAccepts(String amount) {
        String json = VALID.formatted(amount);
        ApplicationReader.fromJson(json);
        assertThat(SchemaValidator.errors(json)).isEmpty();
    }

    static Stream<String> goodAmounts() {
        return Stream.of("8000000", "\"8000000\"", "\"8000000.5\"", "\"8000000.50\"", "\"8000000.500\"", "0.05",
                "\"0\"", "100000000000", "\" 12.30 \"", "\"+7\"");
    }

    @ParameterizedTest(name = "amount {0}")
    @MethodSource("badAmounts")
    void amountsTheReaderRejectsTheSchemaRejects(String amount) {
        String json = VALID.formatted(amount);
        assertThatThrownBy(() -> ApplicationReader.fromJson(json)).isInstanceOf(InvalidApplicationException.class);
        assertThat(SchemaValidator.errors(json)).isNotEmpty();
    }

    static Stream<String> badAmounts() {
        return Stream.of("-5", "\"-5\"", "\"8,000,000\"", "\"8000000.005\"", "\"abc\"", "true", "[1]", "{}",
                "100000000000.01", "\"\"", "\"1e6\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDocuments")
    void documentsTheReaderRejectsTheSchemaRejectsAtTheSamePath(String what, String json, String path) {
        List<Problem> problems = List.of();
        try {
            ApplicationReader.fromJson(json);
        } catch (InvalidApplicationException e) {
            problems = e.problems();
        }
        assertThat(problems).extracting(Problem::path).as(what).contains(path);
        assertThat(SchemaValidator.errors(json)).as(what).isNotEmpty();
    }

    static Stream<Object[]> invalidDocuments() {
        String enterprise = "\"enterprise\": {\"id\": \"E1\", \"name\": \"n\"}";
        return Stream.of(
                new Object[]{"an unknown field", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", " + enterprise
                        + ", \"colour\": \"red\"}", "$.colour"},
                new Object[]{"a missing enterprise", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\"}",
                        "$.enterprise"},
                new Object[]{"a blank id", "{\"id\": \"  \", \"applicationDate\": \"2026-01-01\", " + enterprise + "}",
                        "$.id"},
                new Object[]{"a day that is no date", "{\"id\": \"A\", \"applicationDate\": \"01/03/2026\", " + enterprise
                        + "}", "$.applicationDate"},
                new Object[]{"an unknown enum constant", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", "
                        + enterprise + ", \"scenarios\": [{\"id\": \"S\", \"name\": \"s\", \"type\": \"DANCING\", "
                        + "\"venue\": \"SCHOOL\"}]}", "$.scenarios[0].type"},
                new Object[]{"a year out of range", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", " + enterprise
                        + ", \"computeExpenses\": [{\"id\": \"C\", \"year\": 1999, \"actualCost\": 5}]}",
                        "$.computeExpenses[0].year"},
                new Object[]{"a null in a list", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", " + enterprise
                        + ", \"talents\": [null]}", "$.talents[0]"},
                new Object[]{"a string for a boolean", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", "
                        + "\"enterprise\": {\"id\": \"E1\", \"name\": \"n\", \"locatedInDistrict\": \"yes\"}}",
                        "$.enterprise.locatedInDistrict"},
                new Object[]{"a control character in a name", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", "
                        + "\"enterprise\": {\"id\": \"E1\", \"name\": \"n\\u001b[31m\"}}", "$.enterprise.name"},
                new Object[]{"a bidirectional override in an id", "{\"id\": \"A\\u202E\", \"applicationDate\": "
                        + "\"2026-01-01\", " + enterprise + "}", "$.id"},
                new Object[]{"a name of 201 characters", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", "
                        + "\"enterprise\": {\"id\": \"E1\", \"name\": \"" + "名".repeat(201) + "\"}}",
                        "$.enterprise.name"},
                new Object[]{"a control character in a partner's name", "{\"id\": \"A\", \"applicationDate\": "
                        + "\"2026-01-01\", " + enterprise + ", \"cooperations\": [{\"id\": \"C\", \"name\": \"c\", "
                        + "\"overseasPartners\": [\"ETH\\u0007\"]}]}", "$.cooperations[0].overseasPartners[0]"},
                new Object[]{"a missing required field of a fact", "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", "
                        + enterprise + ", \"exhibitions\": [{\"id\": \"X\", \"name\": \"x\"}]}",
                        "$.exhibitions[0].boothFee"});
    }

    @Test
    void aNameOf200CharactersIsAcceptedByBoth() {
        String json = "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", \"enterprise\": {\"id\": \"E1\", "
                + "\"name\": \"" + "名".repeat(200) + "\"}, \"cooperations\": [{\"id\": \"C\", \"name\": \"c\", "
                + "\"overseasPartners\": [\" \"]}]}";
        ApplicationReader.fromJson(json);
        assertThat(SchemaValidator.errors(json)).isEmpty();
    }

    @Test
    void nullAndLeftOutFieldsAreAcceptedByBoth() {
        String json = "{\"id\": \"A\", \"applicationDate\": \"2026-01-01\", \"enterprise\": {\"id\": \"E1\", "
                + "\"name\": \"n\", \"locatedInDistrict\": null, \"fundFocusAreas\": null}, \"products\": null, "
                + "\"chainLeaderSettlement\": null, \"openCallProjects\": [{\"id\": \"O\", \"name\": \"o\", "
                + "\"level\": \"DISTRICT\", \"requested\": null}]}";
        ApplicationReader.fromJson(json);
        assertThat(SchemaValidator.errors(json)).isEmpty();
    }
}
