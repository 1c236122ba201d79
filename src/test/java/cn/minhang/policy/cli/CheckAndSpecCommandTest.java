package cn.minhang.policy.cli;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CheckAndSpecCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "policy {0} --help")
    @ValueSource(strings = {"evaluate", "check", "spec", "batch", "compare", "generate", "schema", "mutate"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("Usage: policy " + command).contains("-h, --help");
        if (List.of("evaluate", "check", "spec").contains(command)) {
            assertThat(r.out().replaceAll("\\s+", " ")).contains("--rules=DIR").contains("the rules packaged in the jar");
        }
    }

    @Test
    void theTopLevelHelpNamesEveryCommandAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("evaluate", "check", "spec", "batch", "compare", "generate", "schema", "mutate")
                .contains("Exit codes: 0 done, 2 invalid input, 3 rules failed to compile or check, 1");
    }

    @Test
    void noCommandIsInvalidInputAndShowsTheUsage() {
        Cli.Result r = Cli.run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("error: name a command").contains("Usage: policy");
    }

    @Test
    void anUnknownOptionIsInvalidInput() {
        Cli.Result r = Cli.run("evaluate", "--colour", "x.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--colour'");
    }

    @Test
    void theShippedRulesPassTheCheck() {
        Cli.Result r = Cli.run("check");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).startsWith("OK: ").contains("cover every clause of the policy").doesNotContain("warning");
    }

    @Test
    void checkReportsEveryProblemAsFileLineMessage() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        java.nio.file.Files.delete(rules.resolve("m14-talent.drl"));
        Fixtures.write(rules, "Extra_Rules.drl", """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;

                rule "An extra rule in a file outside the naming scheme"
                    @clause("1.1")
                when
                    Enterprise( locatedInDistrict == false )
                then
                end
                """);
        Fixtures.write(rules, "m03-broken.drl", """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;

                // a rule without a clause
                rule "3.1 A purchase with no clause"
                when
                    Purchase( amount > 0 )
                then
                end

                rule "3.1 A purchase with an unknown clause"
                    @clause("3.9")
                when
                    Purchase( amount >> 0 )
                then
                end
                """);
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(3);
        String prefix = rules + "/";
        assertThat(r.out())
                .contains(prefix + "Extra_Rules.drl:0: the file name is outside the naming scheme mNN-kebab-case.drl")
                .contains(prefix + "m03-broken.drl:5: rule \"3.1 A purchase with no clause\" has no @clause(\"…\")")
                .contains(prefix + "m03-broken.drl:11: rule \"3.1 A purchase with an unknown clause\" names unknown clause \"3.9\"")
                .contains(prefix + "clauses.yaml:" + Fixtures.lineOf(rules.resolve("clauses.yaml"), "id: \"14\"")
                        + ": no rule encodes clause 14 (第14条 支持产业人才发展): no rule carries @clause(\"14\")")
                .containsPattern("\\d+ problem\\(s\\) in the rules of ");
        // the compiler's message for the syntax error comes besides the lint's
        assertThat(r.out()).contains(prefix + "m03-broken.drl:14: Predicate 'amount >> 0' must be a Boolean expression");
        // one problem a line: the compiler's multi-line messages are joined
        assertThat(r.out().lines()).allMatch(l -> l.startsWith(prefix) || l.matches("\\d+ problem\\(s\\) .*"));
    }

    @Test
    void checkReportsARateOrCapThatCannotBeReadAtItsFileAndLine() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "m01-core-components.drl", "$p.rndInvestment(), \"30%\", \"3,000,000\"",
                "$p.rndInvestment(), \"3O%\", \"3,000,000\"");
        Fixtures.edit(rules, "m03-product-procurement.drl", "AggregateCap.of( kcontext, \"2,000,000\" )",
                "AggregateCap.of( kcontext, \"2.000.000\" )");
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out())
                .contains(rules + "/m01-core-components.drl:" + Fixtures.lineOf(rules.resolve("m01-core-components.drl"),
                        "\"3O%\"") + ": Claim.rate: the rate \"3O%\" is not a percentage such as \"30%\"")
                .contains(rules + "/m03-product-procurement.drl:" + Fixtures.lineOf(
                        rules.resolve("m03-product-procurement.drl"), "\"2.000.000\"")
                        + ": AggregateCap.of: the cap \"2.000.000\" is not an amount in yuan such as \"3,000,000\"")
                .contains("2 problem(s) in the rules of ");
    }

    @Test
    void checkReportsTheCatalogueProblemsWithFileAndLine() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Path catalogue = rules.resolve("clauses.yaml");
        // a clause no rule encodes; a duplicated id; a malformed id; a monetary clause without its base
        Fixtures.edit(rules, "clauses.yaml", "      - id: \"14\"\n        kind: SUPPORT\n",
                "      - id: \"14\"\n        kind: SUPPORT\n  - measure: 15\n    title: {zh: 新措施, en: A new measure}\n"
                        + "    clauses:\n      - id: \"15\"\n        kind: SUPPORT\n");
        Fixtures.edit(rules, "clauses.yaml", "  - id: closing\n", "  - id: general\n    label: {zh: 又一, en: Again}\n"
                + "    title: {zh: 又一, en: Again}\n  - id: closing\n");
        Fixtures.edit(rules, "clauses.yaml", "      - id: \"7\"\n", "      - id: \"7.a\"\n");
        Fixtures.edit(rules, "clauses.yaml", "        base: {zh: 新增设备投资额, en: new equipment investment}\n", "");
        // a rule naming a clause the catalogue lacks
        Fixtures.edit(rules, "m13-global-cooperation.drl", "@clause(\"13.2\")\n    @readingZh", "@clause(\"13.3\")\n    @readingZh");
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(3);
        String prefix = rules + "/clauses.yaml:";
        int m04Rule = Fixtures.lineOf(rules.resolve("m04-industrial-manufacturing.drl"), "rule \"4.1 An embodied-AI");
        assertThat(r.out())
                .contains(prefix + Fixtures.lineOf(catalogue, "id: \"15\"") + ": no rule encodes clause 15 (第15条 新措施)")
                .containsPattern(java.util.regex.Pattern.quote(prefix) + "\\d+: clause id 'general' is declared twice: first at "
                        + "line " + Fixtures.lineOf(catalogue, "id: general"))
                .contains(prefix + Fixtures.lineOf(catalogue, "id: \"7.a\"") + ": malformed clause id '7.a' under measure 7")
                .contains(prefix + Fixtures.lineOf(catalogue, "id: \"4.1\"") + ": clause 4.1 has no base (what its amounts "
                        + "are computed from), in zh and en, which the explanations of rule \"4.1 An embodied-AI technical "
                        + "transformation in auto parts, electronic information or advanced equipment manufacturing gets "
                        + "10% of its new equipment investment, at most 20,000,000\" (m04-industrial-manufacturing.drl:"
                        + m04Rule + ") need")
                .containsPattern(java.util.regex.Pattern.quote(rules + "/m13-global-cooperation.drl:")
                        + "\\d+: rule \"13.2 A booth .*\" names unknown clause \"13.3\"; clauses.yaml declares general, 1.1, ")
                // the rules of clause 7 name an id the catalogue no longer has
                .containsPattern("m07-education.drl:\\d+: rule \"7 .*\" names unknown clause \"7\"");
        assertThat(r.out().lines()).allMatch(l -> l.startsWith(rules + "/") || l.matches("\\d+ problem\\(s\\) .*"));
    }

    @Test
    void aMalformedCatalogueIsReportedAtItsLineAndNothingElseBreaks() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "clauses.yaml", "    clauses:\n      - id: \"5\"\n", "    clauses:\n      - id: \"5\n");
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).containsPattern(java.util.regex.Pattern.quote(rules + "/clauses.yaml:") + "\\d+: malformed YAML: ");
    }

    @Test
    void checkWarnsAboutAClauseInAnotherMeasuresFile() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.write(rules, "m05-retail.drl", """
                package cn.minhang.policy.rules;
                import cn.minhang.policy.model.*;

                rule "1.1 A rule in the file of another measure"
                    @clause("1.1")
                when
                    Enterprise( locatedInDistrict == false )
                then
                end
                """);
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.out()).contains("m05-retail.drl:4: warning: rule \"1.1 A rule in the file of another measure\" "
                + "encodes clause 1.1, which belongs in m01-*.drl");
    }

    @Test
    void checkWarnsAboutAnEvalAtItsLine() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "m14-talent.drl", "    $t : Talent( meetsCriteria == false )\n",
                "    $t : Talent( meetsCriteria == false )\n    eval( $t.id().length() > 3 )\n");
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains(rules + "/m14-talent.drl:29: warning: rule \"14 A person who does not meet the "
                + "high-level talent criteria is not eligible\" tests eval( $t.id().length() > 3 ), which the engine "
                + "cannot index and tests again for every combination of the facts before it: a constraint inside a "
                + "pattern can be indexed");
    }

    @Test
    void specRunsEveryCaseAndClosesWithTheCount() {
        Cli.Result r = Cli.run("spec");
        assertThat(r.code()).isEqualTo(0);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("rules rules (sha256:");
        assertThat(lines.subList(1, lines.size() - 1)).allMatch(l -> l.startsWith("PASS  "));
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, 0 failed");
    }

    @Test
    void specShowsAFailingCaseWithExpectedAndActualSideBySideAndExitsWith1() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        Fixtures.edit(rules, "m01-core-components.drl", "\"30%\", \"3,000,000\"", "\"30%\", \"2,500,000\"");
        Cli.Result r = Cli.run("spec", "--rules", rules.toString(), "specs/m01-core-components.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAIL  m01-core-components  1.1 Case 2 (brief): R&D investment of 15,000,000 computes 4,500,000, capped to 3,000,000")
                .contains("expected")
                .contains("actual")
                .contains("≠ 1.1 P1 CAPPED 3000000.00")
                .contains("| 1.1 P1 CAPPED 2500000.00")
                .contains("PASS  m01-core-components  1.2 Case 1");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ passed, [1-9]\\d* failed");
    }

    @Test
    void aSpecFileThatDoesNotExistIsInvalidInput() {
        Cli.Result r = Cli.run("spec", dir.resolve("none.yaml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void aSpecFileWhoseExpectationCannotBeReadIsInvalidInputNamingTheCaseAndThePlace() throws Exception {
        Path spec = Fixtures.write(dir, "m14-talent.yaml", java.nio.file.Files.readString(Path.of("specs/m14-talent.yaml"))
                .replaceFirst("amount: \"0\"}", "amount: \"zero\"}")
                .replaceFirst("status: NOT_ELIGIBLE,", "status: NOT_ELIGBLE,")
                .replaceFirst("(?m)^    expect:(?=\\n      lines:\\n        - \\{clause: \"14\", subject: T1, status: SUPPORT, amount: \"0\"\\}\\n        - )",
                        "    expct:"));
        Cli.Result r = Cli.run("spec", spec.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).doesNotContain("Exception")
                .contains("m14-talent.yaml: case 1 (\"14 Case 1: a person who meets the high-level talent criteria is "
                        + "recommended and gets the guarantees\"): expect.lines[0].amount: must be an amount in yuan "
                        + "such as \"2400000\", was \"zero\"")
                .contains("m14-talent.yaml: case 2 (\"14 Case 2: a person who does not meet the criteria gets nothing, "
                        + "and the line says why\"): expect.lines[0].status: must be one of GRANTED, CAPPED, EXCLUDED, "
                        + "NOT_ELIGIBLE, SUPPORT, CEILING, AGGREGATE_CAP, was \"NOT_ELIGBLE\"")
                .contains("m14-talent.yaml: case 3 (\"14 Case 3: each person is judged on their own: one supported, "
                        + "one not\"): has no 'expect' block; its keys are case, application, expct");
    }

    @Test
    void aRuleFileThatIsNotUtf8IsAProblemOfThatFileAndAFolderNamedLikeOneIsNoRuleFile() throws Exception {
        Path rules = Fixtures.copyOfRules(dir.resolve("rules"));
        java.nio.file.Files.write(rules.resolve("m14-talent.drl"), new byte[] {'/', '/', ' ', (byte) 0xFF, '\n'},
                java.nio.file.StandardOpenOption.APPEND);
        java.nio.file.Files.createDirectory(rules.resolve("m16-folder.drl"));
        Cli.Result r = Cli.run("check", "--rules", rules.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.out() + r.err()).contains("m14-talent.drl:0: is not valid UTF-8")
                .doesNotContain("m16-folder.drl", "Input length", "Is a directory");
    }
}
