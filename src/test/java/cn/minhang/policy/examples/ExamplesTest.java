package cn.minhang.policy.examples;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.SchemaValidator;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every application in examples/ is valid against the schema and gets exactly the decision in
 * examples/expected/, evaluated at the fixed time below; the totals are also checked against the amounts
 * worked out by hand from the policy text.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples");
    static final Instant AT = Instant.parse("2026-07-01T09:00:00Z");
    static final String REGENERATE = "for f in examples/*.json examples/*.yaml; do n=$(basename \"${f%.*}\"); "
            + "./policy evaluate --json --at 2026-07-01T09:00:00Z \"$f\" > \"examples/expected/$n.json\"; done";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PolicyEngine engine;

    /**
     * Worked out by hand from the policy text (amounts in yuan):
     * <ul>
     * <li>joint-module-maker: 1.1 30% of 8,000,000 = 2,400,000; 30% of 12,500,000 = 3,750,000, capped at 3,000,000;
     *     1.2 30% of 12,000,000 + 30% of 6,000,000 = 3,600,000 + 1,800,000 = 5,400,000 in 2026, cut to the yearly
     *     5,000,000; total 10,400,000;</li>
     * <li>robot-buyer: 3.1 20% of 6,000,000 + 4,500,000 + 2,000,000 = 1,200,000 + 900,000 + 400,000 = 2,500,000,
     *     cut to 2,000,000 per enterprise; the purchase from an affiliated supplier gets nothing;</li>
     * <li>auto-parts-retooling: 4.1 10% of 250,000,000 = 25,000,000, capped at 20,000,000, and 10% of 18,000,000 =
     *     1,800,000 (the municipal 1,000,000 for it is to be forgone); 4.2 1,200,000 as requested (at most
     *     1,500,000); the robots' 3.1 20% of 8,000,000 = 1,600,000 is the same subject as the 4.1 project and is
     *     excluded; total 23,000,000;</li>
     * <li>university-spin-off: 2.1 6,000,000 requested is excluded by the municipal award of 8,000,000 for the
     *     same project; 2.2 50% of 3,000,000 = 1,500,000; 1.1 30% of 5,000,000 = 1,500,000; 1.2 30% of 2,000,000 =
     *     600,000; total 3,600,000;</li>
     * <li>chain-leader: 8 25,000,000 requested (at most 30,000,000), granted although the enterprise is not yet in
     *     the district; its other claims are not eligible for that reason; total 25,000,000;</li>
     * <li>elderly-care-robots: 3.2 10% of 6,000,000 = 600,000; 6.2 50% of 300,000 + 50% of 180,000.50 = 150,000 +
     *     90,000.25 = 240,000.25; 13.2 100% of 86,000 + 152,300 = 238,300; total 1,078,300.25.</li>
     * </ul>
     */
    static final Map<String, Map<String, String>> HAND_WORKED = Map.of(
            "joint-module-maker", Map.of("total", "10400000.00", "1.1", "5400000.00", "1.2", "5000000.00"),
            "robot-buyer", Map.of("total", "2000000.00", "3.1", "2000000.00"),
            "auto-parts-retooling", Map.of("total", "23000000.00", "4.1", "21800000.00", "4.2", "1200000.00"),
            "university-spin-off", Map.of("total", "3600000.00", "1.1", "1500000.00", "1.2", "600000.00",
                    "2.2", "1500000.00"),
            "chain-leader", Map.of("total", "25000000.00", "8", "25000000.00"),
            "elderly-care-robots", Map.of("total", "1078300.25", "3.2", "600000.00", "6.2", "240000.25",
                    "13.2", "238300.00"));

    @BeforeAll
    static void rules() {
        engine = PolicyEngine.fromDirectory(Path.of("rules"));
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml")).sorted()
                    .toList().stream();
        }
    }

    private static String name(Path example) {
        return example.getFileName().toString().replaceFirst("\\.(json|yaml)$", "");
    }

    @Test
    void thereAreTheSixExamplesWorkedOutByHand() throws IOException {
        assertThat(examples().map(ExamplesTest::name).toList()).containsExactlyInAnyOrderElementsOf(HAND_WORKED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleIsValidAgainstTheSchema(Path example) throws IOException {
        String text = Files.readString(example, StandardCharsets.UTF_8);
        JsonNode tree = example.toString().endsWith(".yaml") ? ApplicationReader.parseYaml(text)
                : ApplicationReader.parseJson(text);
        assertThat(SchemaValidator.errors(tree.toString())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theExampleGetsItsExpectedDecision(Path example) throws IOException {
        Application application = ApplicationReader.read(example);
        ObjectNode actual = DecisionJson.toTree(application, engine.evaluate(application), AT);
        Path expectedFile = EXAMPLES.resolve("expected").resolve(name(example) + ".json");
        ObjectNode expected = (ObjectNode) JSON.readTree(expectedFile.toFile());
        // The versions change with every edit of any rule file and every release; everything else must match.
        for (ObjectNode doc : List.of(actual, expected)) {
            doc.remove("rulesVersion");
            ((ObjectNode) doc.path("audit")).remove(List.of("rulesVersion", "engineVersion"));
        }
        assertThat(DecisionJson.pretty(actual))
                .as("%s differs from %s; if the change is intended, regenerate the expected files:%n%s", example,
                        expectedFile, REGENERATE)
                .isEqualTo(DecisionJson.pretty(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theTotalsAreTheOnesWorkedOutByHand(Path example) {
        Application application = ApplicationReader.read(example);
        var decision = engine.evaluate(application);
        Map<String, String> hand = HAND_WORKED.get(name(example));
        assertThat(decision.totalGranted()).isEqualByComparingTo(new BigDecimal(hand.get("total")));
        Map<String, BigDecimal> byClause = decision.totalsByClause();
        assertThat(byClause.keySet()).containsExactlyInAnyOrderElementsOf(
                hand.keySet().stream().filter(k -> !k.equals("total")).toList());
        hand.forEach((clause, amount) -> {
            if (!clause.equals("total")) {
                assertThat(byClause.get(clause)).as(clause).isEqualByComparingTo(new BigDecimal(amount));
            }
        });
    }
}
