package cn.minhang.policy.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecResult;
import cn.minhang.policy.spec.SpecRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "spec", mixinStandardHelpOptions = true,
        header = {"Run the spec files against the rules: N passed, N failed.", ""},
        description = {"Runs spec files (YAML cases: an application and the decision it must get) against the rules.",
                "Prints one line per case, the failing cases with expected and actual side by side, and the closing "
                        + "line 'N passed, N failed'. Exit code 0 when every case passes, 1 when one fails, 2 for a "
                        + "malformed spec file, 3 when the rules do not compile."},
        footer = {"", "Examples:", "  ./policy spec", "  ./policy spec --rules /tmp/my-rules specs/m01-core-components.yaml"})
final class SpecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "SPEC_FILE", description = "Spec files or folders of them "
            + "(default: the repository's specs/).")
    List<Path> specs;

    @Mixin
    RulesOption rules;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> paths = specs;
        if (paths == null || paths.isEmpty()) {
            Path folder = RulesOption.repositoryFolder("specs");
            if (folder == null) {
                throw new CliException(PolicyCli.INVALID_INPUT, "no specs/ folder here; name the spec files to run");
            }
            paths = List.of(folder);
        }
        List<SpecCase> cases = load(paths);
        if (cases.isEmpty()) {
            throw new CliException(PolicyCli.INVALID_INPUT, "no spec cases found in " + specs);
        }
        PolicyEngine engine = rules.engine();
        SpecRunner runner = new SpecRunner(engine);
        out.println("rules " + engine.rules().source().origin() + " (" + engine.rules().version() + ")");
        int passed = 0;
        int failed = 0;
        for (SpecCase c : cases) {
            SpecResult result = runner.run(c);
            if (result.passed()) {
                passed++;
                out.println("PASS  " + c.topic() + "  " + c.name());
            } else {
                failed++;
                out.println("FAIL  " + c.topic() + "  " + c.name());
                out.print(result.report().indent(4));
            }
            out.flush();
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? PolicyCli.OK : PolicyCli.FAILURE;
    }

    private static List<SpecCase> load(List<Path> paths) {
        List<SpecCase> cases = new ArrayList<>();
        for (Path path : paths) {
            try {
                if (Files.isDirectory(path)) {
                    cases.addAll(SpecRunner.load(path));
                } else if (Files.isRegularFile(path)) {
                    cases.addAll(SpecRunner.loadFile(path));
                } else {
                    throw new CliException(PolicyCli.INVALID_INPUT, "spec file " + path + " does not exist");
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new CliException(PolicyCli.INVALID_INPUT, "cannot read specs from " + path + ": " + e.getMessage(), e);
            }
        }
        return cases;
    }
}
