package cn.minhang.policy.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import cn.minhang.policy.cli.PolicyCli;
import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.population.PopulationGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** schema/decision.schema.json describes what the engine writes: decisions, batch lines and error documents. */
class DecisionSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyExpectedExampleDecisionIsValid() throws IOException {
        List<Path> expected;
        try (Stream<Path> files = Files.list(Path.of("examples/expected"))) {
            expected = files.sorted().toList();
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : expected) {
            assertThat(SchemaValidator.decisionErrors(Files.readString(file))).as(file.toString()).isEmpty();
        }
    }

    @Test
    void theDecisionsOfAGeneratedPopulationAreValid() {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        for (Application a : new PopulationGenerator(8).stream(400).toList()) {
            String json = DecisionJson.compact(DecisionJson.toTree(a, engine.evaluate(a), Instant.EPOCH));
            assertThat(SchemaValidator.decisionErrors(json)).as(a.id()).isEmpty();
        }
    }

    @Test
    void batchLinesAndErrorDocumentsAreValid() throws IOException {
        Path in = dir.resolve("in.jsonl");
        List<String> lines = new ArrayList<>();
        new PopulationGenerator(9).stream(30).forEach(a -> lines.add(ApplicationJson.toJsonLine(a)));
        lines.add(3, "{\"id\": 1}");
        lines.add(7, "not json");
        Files.write(in, lines);
        Path out = dir.resolve("out.jsonl");
        int code = PolicyCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "batch", in.toString(), "-o", out.toString());
        assertThat(code).isEqualTo(2);
        for (String line : Files.readAllLines(out)) {
            assertThat(SchemaValidator.decisionErrors(line)).as(line).isEmpty();
        }
        String document = DecisionJson.pretty(ProblemsJson.document(ProblemsJson.INVALID_APPLICATION, "a.json",
                List.of(new Problem("$.enterprise", "is required"))));
        assertThat(SchemaValidator.decisionErrors(document)).isEmpty();
    }

    @Test
    void documentsThatBreakTheContractAreNotValid() throws IOException {
        String error = "{\"error\": \"invalid application\", \"problems\": [{\"path\": \"x\", \"message\": \"m\"}]}";
        assertThat(SchemaValidator.decisionErrors(error)).isNotEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode decision = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(Path.of("examples/expected/robot-buyer.json").toFile());
        assertThat(SchemaValidator.decisionErrors(decision.toString())).isEmpty();
        assertThat(SchemaValidator.decisionErrors(decision.deepCopy().put("total", 2000000).toString())).isNotEmpty();
        assertThat(SchemaValidator.decisionErrors(decision.deepCopy().put("total", "2000000").toString())).isNotEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode noAudit = decision.deepCopy();
        noAudit.remove("audit");
        assertThat(SchemaValidator.decisionErrors(noAudit.toString())).isNotEmpty();
        assertThat(SchemaValidator.decisionErrors(decision.deepCopy().put("colour", "red").toString())).isNotEmpty();
    }

    @Test
    void theSchemaNamesEveryClauseOfTheMeasuresInTheOrderOfTheText() throws IOException {
        JsonNode clauses = JSON.readTree(SchemaValidator.DECISION_FILE.toFile()).path("$defs").path("clause").path("enum");
        List<String> named = new ArrayList<>();
        clauses.forEach(c -> named.add(c.asText()));
        assertThat(named).containsExactly("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "4.1", "4.2", "5", "6.1", "6.2",
                "7", "8", "9", "10.1", "10.2", "11", "12", "13.1", "13.2", "14");
        JsonNode measures = JSON.readTree(SchemaValidator.DECISION_FILE.toFile()).path("$defs").path("Decision")
                .path("properties").path("measuresNotApplicable").path("items").path("enum");
        assertThat(measures.toString()).isEqualTo("[1,2,3,4,5,6,7,8,9,10,11,12,13,14]");
    }

    @Test
    void theCommittedSchemaIsTheOneGeneratedFromTheRulesCatalogue() throws IOException {
        ClauseCatalogue catalogue = PolicyEngine.fromDirectory(Path.of("rules")).rules().catalogue();
        assertThat(Files.readString(SchemaValidator.DECISION_FILE))
                .as("schema/decision.schema.json is generated: ./policy schema --decision > schema/decision.schema.json")
                .isEqualTo(DecisionSchema.text(catalogue));
    }
}
