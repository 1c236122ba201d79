package cn.minhang.policy.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher as a person uses it, in a copy of the repository without target/ (as a fresh clone has it): the
 * first call builds the jar with Maven, later calls do not, and every command's exit code reaches the shell.
 * The only test that runs Maven; the rebuild decision is then checked with a stand-in for mvn.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {
    @TempDir
    static Path clone;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void copyTheRepositoryWithoutTarget() throws IOException {
        for (String item : List.of("pom.xml", "policy", "rules", "specs", "src/main")) {
            copy(Path.of(item), clone.resolve(item));
        }
        clone.resolve("policy").toFile().setExecutable(true);
    }

    @Test
    @Order(1)
    void theFirstCallBuildsTheJarAndLaterCallsDoNot() throws Exception {
        Run first = policy(Map.of(), "--version");
        assertThat(first.code()).as(first.err()).isEqualTo(0);
        assertThat(first.err()).contains("policy: building the jar (first use)...");
        assertThat(first.out()).startsWith("policy " + PomVersion.get());
        Run second = policy(Map.of(), "--version");
        assertThat(second.code()).isEqualTo(0);
        assertThat(second.err()).isEmpty();
    }

    @Test
    @Order(2)
    void evaluateExitsWith0AndPrintsNoLogNoise() throws Exception {
        Fixtures.write(clone, "a.json", Fixtures.APPLICATION);
        Run r = policy(Map.of(), "evaluate", "a.json");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out()).contains("给予合计            8,000,000.00");
        assertThat(r.err()).as("Drools' INFO and DEBUG stay out of the command line").isEmpty();
    }

    @Test
    @Order(3)
    void invalidInputExitsWith2AndNoBreakdown() throws Exception {
        Fixtures.write(clone, "bad.json", "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\"}");
        Run r = policy(Map.of(), "evaluate", "bad.json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("bad.json: $.enterprise: is required");
        Run option = policy(Map.of(), "batch", "--no-such-option", "x.jsonl");
        assertThat(option.code()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void rulesThatFailTheCheckExitWith3() throws Exception {
        Path rules = Fixtures.copyOfRules(clone.resolve("broken-rules"));
        Files.delete(rules.resolve("m14-talent.drl"));
        Fixtures.edit(rules, "m01-core-components.drl", "ownIp == true", "ownIp === true");
        Fixtures.edit(rules, "m02-collaborative-innovation.drl", "requested != null )\n", "requested != null )\n    eval( true )\n");
        Run r = policy(Map.of(), "check", "--rules", "broken-rules");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).containsPattern("broken-rules/clauses\\.yaml:\\d+: no rule encodes clause 14 ")
                .containsPattern("broken-rules/m01-core-components\\.drl:\\d+: .*no viable alternative at input '='")
                .containsPattern("broken-rules/m02-collaborative-innovation\\.drl:\\d+: warning: rule \".*\" tests "
                        + "eval\\( true \\)");
        assertThat(r.err()).as("the problems are reported once, not again by Drools' log").isEmpty();
    }

    @Test
    @Order(5)
    void aFailingSpecExitsWith1() throws Exception {
        Path rules = Fixtures.copyOfRules(clone.resolve("edited-rules"));
        Fixtures.edit(rules, "m01-core-components.drl", "\"30%\", \"3,000,000\"", "\"30%\", \"2,500,000\"");
        Run r = policy(Map.of(), "spec", "--rules", "edited-rules", "specs/m01-core-components.yaml");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out().strip().lines().reduce((a, b) -> b).orElse("")).matches("\\d+ passed, [1-9]\\d* failed");
    }

    @Test
    @Order(6)
    void generateAndBatchWorkTogether() throws Exception {
        assertThat(policy(Map.of(), "generate", "--count", "40", "--seed", "3", "-o", "pop.jsonl").code()).isEqualTo(0);
        Run batch = policy(Map.of(), "batch", "pop.jsonl", "-o", "out.jsonl");
        assertThat(batch.code()).as(batch.err()).isEqualTo(0);
        assertThat(Files.readAllLines(clone.resolve("out.jsonl"))).hasSize(40);
        assertThat(batch.out()).contains("预算汇总");
    }

    @Test
    @Order(6)
    void theCommandsUseTheRepositorysFoldersFromAnyFolder() throws Exception {
        Path elsewhere = Files.createDirectories(clone.resolve("examples"));
        Run spec = policy(elsewhere, Map.of(), "spec", "../specs/m14-talent.yaml");
        assertThat(spec.code()).as(spec.err()).isEqualTo(0);
        Run mutate = policy(elsewhere, Map.of(), "mutate", "--file", "m14-talent.drl", "--snapshot", "none");
        assertThat(mutate.code()).as(mutate.err()).isEqualTo(0);
        assertThat(mutate.out()).containsPattern("m14-talent\\.drl\\s+6\\s+6\\s+0\\s+0\\s+0\\s+0\\s+100\\.0%");
        assertThat(clone.resolve("target/mutation/report.md")).exists();
    }

    @Test
    @Order(7)
    void theClassDataArchiveIsMadeOnceAfterABuildAndDecidesNothingDifferently() throws Exception {
        String at = "2026-07-01T09:00:00Z";
        Run without = policy(Map.of(), "batch", "pop.jsonl", "--at", at, "-o", "without-archive.jsonl");
        assertThat(without.code()).as(without.err()).isEqualTo(0);
        assertThat(clone.resolve("target/policy-cds.jsa")).as("no bundled example to make it from").doesNotExist();

        copy(Path.of("examples/joint-module-maker.json"), clone.resolve("examples/joint-module-maker.json"));
        Run first = policy(Map.of(), "batch", "pop.jsonl", "--at", at, "-o", "with-archive.jsonl");
        assertThat(first.code()).as(first.err()).isEqualTo(0);
        assertThat(first.err()).contains("policy: making the class-data archive for faster starts");
        assertThat(clone.resolve("target/policy-cds.jsa")).isRegularFile();
        assertThat(Files.readAllLines(clone.resolve("with-archive.jsonl")))
                .isEqualTo(Files.readAllLines(clone.resolve("without-archive.jsonl"))).hasSize(40);

        Run evaluate = policy(Map.of(), "evaluate", "a.json");
        assertThat(evaluate.code()).isEqualTo(0);
        assertThat(evaluate.err()).as("the archive is made once").isEmpty();
        assertThat(evaluate.out()).contains("给予合计            8,000,000.00");
        Run compare = policy(Map.of(), "compare", "pop.jsonl", "--rules", "rules", "--rules", "rules");
        assertThat(compare.code()).as(compare.err()).isEqualTo(0);
        assertThat(compare.err()).isEmpty();
    }

    @Test
    @Order(8)
    void aChangedSourceRebuildsTheJarAndAFailedBuildExitsWith1() throws Exception {
        Path bin = Files.createDirectories(clone.resolve("fake-bin"));
        Path calls = clone.resolve("mvn-calls.txt");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$*\" >> '" + calls + "'\n"
                + "touch '" + clone.resolve("target") + "'/*.jar '" + clone.resolve("target/runtime-classpath.txt") + "'\n"
                + "exit ${FAKE_MVN_EXIT:-0}\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = bin + ":" + System.getenv("PATH");

        Run unchanged = policy(Map.of("PATH", path), "--version");
        assertThat(unchanged.err()).isEmpty();
        assertThat(calls).doesNotExist();

        Path source = clone.resolve("src/main/java/cn/minhang/policy/cli/Text.java");
        source.toFile().setLastModified(System.currentTimeMillis() + 5_000);
        Run rebuilt = policy(Map.of("PATH", path), "--version");
        assertThat(rebuilt.code()).isEqualTo(0);
        assertThat(rebuilt.err()).contains("policy: building the jar (sources changed)...");
        assertThat(Files.readString(calls)).contains("-DskipTests package");

        source.toFile().setLastModified(System.currentTimeMillis() + 60_000);
        Run failed = policy(Map.of("PATH", path, "FAKE_MVN_EXIT", "1"), "--version");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("policy: the build failed");
        assertThat(failed.out()).isEmpty();
    }

    private static Run policy(Map<String, String> env, String... args) throws Exception {
        return policy(clone, env, args);
    }

    private static Run policy(Path directory, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", clone.resolve("policy").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(clone, "out", ".txt");
        Path err = Files.createTempFile(clone, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("POLICY_JAVA_OPTS");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("policy " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.toList()) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        } else {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
    }
}
