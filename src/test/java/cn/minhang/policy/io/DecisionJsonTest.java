package cn.minhang.policy.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.population.PopulationGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision document written as a stream is the document built as a tree, byte for byte. */
class DecisionJsonTest {
    private static final Instant AT = Instant.parse("2026-07-01T09:30:00.123Z");
    private static PolicyEngine engine;
    private static final List<Application> APPLICATIONS = new ArrayList<>();

    @BeforeAll
    static void applications() throws Exception {
        engine = PolicyEngine.fromDirectory(Path.of("rules"));
        try (Stream<Path> examples = Files.list(Path.of("examples"))) {
            for (Path p : examples.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".yaml")) {
                    APPLICATIONS.add(ApplicationReader.read(p));
                }
            }
        }
        new PopulationGenerator(20260701).stream(1_000).forEach(APPLICATIONS::add);
    }

    /** The decision document built as a tree, with {@code "line": number} first. */
    private static ObjectNode treeLine(long number, Application a, Decision d) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("line", number);
        tree.setAll(DecisionJson.toTree(a, d, AT));
        return tree;
    }

    @Test
    void theStreamedLineIsTheTreeWithItsLineNumberFirst() {
        long number = 0;
        for (Application a : APPLICATIONS) {
            Decision d = engine.evaluate(a);
            assertThat(DecisionJson.compactLine(++number, a, d, AT)).as(a.id())
                    .isEqualTo(DecisionJson.compact(treeLine(number, a, d)));
        }
    }

    @Test
    void theLineAsBytesIsTheUtf8OfTheTreeAndStaysSoOnceTheTextsOfTheRulesAreCached() {
        for (int round = 0; round < 3; round++) {  // the first round meets the rules' texts, the next ones copy them
            long number = 0;
            for (Application a : APPLICATIONS) {
                Decision d = engine.evaluate(a);
                byte[] expected = DecisionJson.compact(treeLine(++number, a, d)).getBytes(StandardCharsets.UTF_8);
                assertThat(DecisionJson.compactLineBytes(number, a, d, AT, true)).as(a.id()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theTreeHasEveryFieldOfTheContractInOrder() {
        Application a = APPLICATIONS.get(0);
        ObjectNode tree = DecisionJson.toTree(a, engine.evaluate(a), AT);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("applicationId", "enterpriseId", "total", "totalsByClause", "lines",
                "measuresNotApplicable", "forgone", "validity", "rulesVersion", "readings", "audit");
        assertThat(tree.path("audit").path("evaluatedAt").asText()).isEqualTo("2026-07-01T09:30:00.123Z");
        assertThat(tree.path("measuresNotApplicable").get(0).isInt()).isTrue();
    }

    @Test
    void theInputHashIsTheSha256OfTheCanonicalText() throws Exception {
        for (Application a : APPLICATIONS) {
            byte[] canonical = ApplicationJson.canonical(a).getBytes(StandardCharsets.UTF_8);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
            assertThat(ApplicationJson.sha256(a)).as(a.id()).isEqualTo(expected);
        }
    }
}
