package cn.minhang.policy.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import cn.minhang.policy.trace.Traceability.ClauseTrace;
import cn.minhang.policy.trace.Traceability.SentenceTrace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The traceability of the checked-out rules and specs: every clause of the catalogue has a rule and a spec case,
 * every sentence of the text is in the report, and the committed report is what the generator makes now.
 */
class TraceabilityTest {
    static final Path SEED = Path.of("seeds", "minhang-embodied-ai-policy-draft.zh.txt");
    static final Path SCORES = Path.of("mutation", "scores.json");
    static Traceability trace;

    @BeforeAll
    static void build() {
        trace = Traceability.build(SEED, Path.of("rules"), Path.of("specs"), SCORES);
    }

    @Test
    void every_clause_of_the_catalogue_has_a_rule_and_a_spec_case() {
        assertThat(TraceabilityMain.gaps(trace)).as("clauses without a rule or a spec case").isEmpty();
        assertThat(trace.clauses()).extracting(c -> c.clause().id()).contains("general", "1.1", "14", "closing");
    }

    @Test
    void every_sentence_of_the_text_is_reported_in_order_and_those_without_a_rule_are_marked() throws IOException {
        String text = Files.readString(SEED, StandardCharsets.UTF_8);
        assertThat(trace.sentences()).extracting(SentenceTrace::sentence)
                .isEqualTo(PolicyText.parse(text).sentences());
        String md = TraceabilityReport.markdown(trace);
        for (SentenceTrace s : trace.sentences()) {
            String row = "| " + s.sentence().id() + " | ";
            assertThat(md).contains(row);
            if (s.rules().isEmpty()) {
                assertThat(TraceabilityReport.clauseCell(s)).startsWith("— no clause id: ");
            } else {
                assertThat(s.clauses()).isNotEmpty();
            }
        }
        assertThat(trace.sentences()).filteredOn(s -> s.sentence().id().equals("1-2")).singleElement()
                .satisfies(s -> {
                    assertThat(s.clauses()).containsExactly("1.1");
                    assertThat(s.rules()).extracting(Traceability.RuleRef::file).containsOnly("m01-core-components.drl");
                    assertThat(s.cases()).isNotEmpty();
                });
        assertThat(trace.sentences()).filteredOn(s -> s.sentence().id().equals("closing-2")).singleElement()
                .satisfies(s -> assertThat(s.clauses()).containsExactly("closing"));
    }

    @Test
    void a_clause_of_a_measure_is_named_by_the_expected_lines_of_its_cases() {
        ClauseTrace rnd = trace.clauses().stream().filter(c -> c.clause().id().equals("1.1")).findFirst().orElseThrow();
        assertThat(rnd.cases()).isNotEmpty().allSatisfy(c -> assertThat(c.file()).endsWith(".yaml"));
        assertThat(rnd.rules()).allSatisfy(r -> assertThat(r.clause()).isEqualTo("1.1"));
    }

    @Test
    void the_committed_report_is_what_the_generator_makes_from_the_committed_rules_specs_and_scores() throws IOException {
        assertThat(Files.readString(Path.of("docs", "traceability.md"), StandardCharsets.UTF_8))
                .as("docs/traceability.md is out of date: run " + TraceabilityReport.COMMAND)
                .isEqualTo(TraceabilityReport.markdown(trace));
        assertThat(Files.readString(Path.of("docs", "traceability.html"), StandardCharsets.UTF_8))
                .as("docs/traceability.html is out of date: run " + TraceabilityReport.COMMAND)
                .isEqualTo(TraceabilityReport.html(trace));
    }
}
