package cn.minhang.policy.mutation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import cn.minhang.policy.mutation.MutantResult.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole run over a two-rule file and a one-case spec: small enough to compile each mutant in a second. */
class MutationTesterTest {
    private static final String MEASURE = """
            package cn.minhang.policy.rules;

            import cn.minhang.policy.model.*;
            import cn.minhang.policy.engine.*;

            // “取得市场销售”
            rule "1.1 A product without market sales is not eligible"
                @clause("1.1")
            when
                $p : ProductRnd( marketSales == false )
            then
                insert( Claim.notEligible( kcontext, $p.id(), "产品未取得市场销售", "the product has achieved no market sales" ) );
            end
            """;
    private static final String PERIOD = """
            package cn.minhang.policy.rules;

            import cn.minhang.policy.engine.*;

            rule "Closing: the policy is in force from 2025-01-01 to 2027-12-31"
                @clause("closing")
            when
            then
                insert( PolicyPeriod.of( kcontext, "2025-01-01", "2027-12-31" ) );
            end
            """;
    private static final String SPEC = """
            given:
              id: T
              applicationDate: "2026-03-01"
              enterprise: {id: E1, name: 示例, locatedInDistrict: true, embodiedAiField: true}
            cases:
              - case: "a product without market sales gets nothing"
                application:
                  products:
                    - {id: P1, name: 关节, category: INTEGRATED_JOINT, rndInvestment: "8000000", ownIp: true, marketSales: false}
                expect:
                  lines:
                    - {clause: "1.1", subject: P1, status: NOT_ELIGIBLE, amount: "0"}
            """;
    private static final String EQUIVALENT = """
            equivalent:
              - file: m01-core-components.drl
                rule: "1.1 A product without market sales is not eligible"
                change: "drop marketSales == false"
                reason: "Listed only to test the list: a product with sales would tell them apart."
              - file: m01-core-components.drl
                rule: "1.1 A product without market sales is not eligible"
                change: "remove the rule"
                reason: "Wrongly listed: the spec kills it."
            """;

    @TempDir
    Path dir;

    @Test
    void runs_every_mutant_of_the_chosen_file_and_reports_killed_equivalent_and_stale_entries() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(rules.resolve("m01-core-components.drl"), MEASURE);
        Files.writeString(rules.resolve("m15-closing-paragraph.drl"), PERIOD);
        Files.copy(Path.of("rules", "clauses.yaml"), rules.resolve("clauses.yaml"));
        Files.writeString(specs.resolve("m01-core-components.yaml"), SPEC);
        Path equivalents = dir.resolve("equivalent-mutants.yaml");
        Files.writeString(equivalents, EQUIVALENT);

        MutationRun run = MutationTester.run(new MutationTester.Options(rules, specs, equivalents, 2, 100,
                Set.of("m01-core-components.drl"), null));

        assertThat(run.results()).extracting(r -> r.mutant().change() + " = " + r.outcome()).containsExactly(
                "drop marketSales == false = EQUIVALENT",
                "marketSales == false → marketSales != false = KILLED",
                "remove the rule = KILLED");
        MutantResult killed = run.results().get(1);
        assertThat(killed.detail()).startsWith("m01-core-components.yaml — a product without market sales gets nothing: ");
        assertThat(run.results().get(0).reason()).startsWith("Listed only to test the list");
        assertThat(run.stale()).singleElement().satisfies(s -> {
            assertThat(s.entry().change()).isEqualTo("remove the rule");
            assertThat(s.problem()).contains("a spec kills it now");
        });
        assertThat(run.clean()).isFalse();
        MutationRun.Score score = run.byFile().get(0);
        assertThat(score).isEqualTo(new MutationRun.Score("m01-core-components.drl", 3, 2, 0, 1, 0, 0));
        assertThat(score.percentText()).isEqualTo("100.0%");

        String md = MutationReport.markdown(run, "test");
        assertThat(md).contains("| m01-core-components.drl | 3 | 2 | 0 | 1 | 0 | 0 | 100.0% |")
                .contains("## Surviving mutants (0)").contains("## Equivalent mutants (1)")
                .contains("Listed only to test the list").contains("## Stale entries");
        assertThat(MutationReport.snapshot(run)).contains("\"rule\" : \"1.1 A product without market sales is not eligible\"")
                .doesNotContain("elapsed");
    }

    @Test
    void the_command_writes_the_reports_prints_the_table_and_fails_on_request_when_a_mutant_survives() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(rules.resolve("m01-core-components.drl"), MEASURE);
        Files.writeString(rules.resolve("m15-closing-paragraph.drl"), PERIOD);
        Files.copy(Path.of("rules", "clauses.yaml"), rules.resolve("clauses.yaml"));
        Files.writeString(specs.resolve("m01-core-components.yaml"), SPEC);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path report = dir.resolve("out");
        Path snapshot = dir.resolve("scores.json");

        int code = MutationMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--rules", rules.toString(), "--specs",
                specs.toString(), "--equivalents", dir.resolve("none.yaml").toString(), "--out", report.toString(),
                "--snapshot", snapshot.toString(), "--file", "m01-core-components.drl", "--fail-on-survivors");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(printed).contains("m01-core-components.drl", "66.7%", "1 surviving mutant(s)",
                "m01-core-components.drl:10", "drop marketSales == false");
        assertThat(report.resolve("report.md")).content(StandardCharsets.UTF_8)
                .contains("| m01-core-components.drl:10 | 1.1 A product without market sales is not eligible | 1.1 "
                        + "| condition dropped | `drop marketSales == false` |");
        assertThat(report.resolve("report.json")).content(StandardCharsets.UTF_8).contains("\"outcome\" : \"SURVIVED\"");
        assertThat(snapshot).as("a run over some files only leaves the snapshot alone").doesNotExist();
    }

    @Test
    void the_ceiling_spreads_the_mutants_it_keeps_over_the_list() {
        java.util.List<Mutant> all = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(new Mutant("f" + i, 1, "r", "1.1", Mutant.Operator.REMOVE_RULE, "remove the rule", "" + i));
        }
        assertThat(MutationTester.ceiling(all, 4)).extracting(Mutant::file).containsExactly("f0", "f2", "f5", "f7");
        assertThat(MutationTester.ceiling(all, 20)).hasSize(10);
    }

    @Test
    void refuses_to_test_mutants_while_the_unchanged_rules_fail_a_spec() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(rules.resolve("m01-core-components.drl"), MEASURE);
        Files.writeString(rules.resolve("m15-closing-paragraph.drl"), PERIOD);
        Files.copy(Path.of("rules", "clauses.yaml"), rules.resolve("clauses.yaml"));
        Files.writeString(specs.resolve("m01-core-components.yaml"), SPEC.replace("NOT_ELIGIBLE", "GRANTED"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MutationTester.run(new MutationTester.Options(rules,
                        specs, null, 1, 100, Set.of(), null)))
                .hasMessageContaining("the unchanged rules fail 1 spec case(s)")
                .hasMessageContaining("a product without market sales gets nothing");
    }
}
