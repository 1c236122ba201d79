package cn.minhang.policy.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import cn.minhang.policy.mutation.MutationMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "mutate", mixinStandardHelpOptions = true,
        header = {"Mutation-test the rules: does some spec case catch each small mistake?", ""},
        description = {"Makes one mutant per number, comparison, condition and rule of the rule files, runs every "
                + "spec case against each, and prints the score per rule file with every surviving mutant. The "
                + "same run as 'mvn -Pmutation verify' (see docs/mutation.md). Options, passed on as they are:", ""},
        footer = {"", "  --rules DIR  --specs DIR  --equivalents FILE  --out DIR  --snapshot FILE|none",
                "  --threads N  --max-mutants N  --file NAME (repeatable)  --fail-on-survivors", "",
                "Example:", "  ./policy mutate --file m01-core-components.drl --snapshot none"})
final class MutateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @CommandLine.Unmatched
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PrintStream o = lines(out); PrintStream e = lines(err)) {
            int code = MutationMain.run(o, e, withRepositoryDefaults(options).toArray(String[]::new));
            return code == 2 ? PolicyCli.INVALID_INPUT : code == 0 ? PolicyCli.OK : PolicyCli.FAILURE;
        }
    }

    /**
     * The options, after the repository's own folders as defaults where the launcher names the repository
     * ({@code policy.home}): like every other command, {@code ../policy mutate} from another folder mutates the
     * repository's rules against its specs, not a {@code rules/} of the current folder. Options given come later
     * and win.
     */
    static List<String> withRepositoryDefaults(List<String> options) {
        String home = System.getProperty("policy.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            return options;
        }
        List<String> args = new ArrayList<>();
        String[][] defaults = {{"--rules", "rules"}, {"--specs", "specs"},
                {"--equivalents", "mutation/equivalent-mutants.yaml"}, {"--snapshot", "mutation/scores.json"},
                {"--out", "target/mutation"}};
        for (String[] option : defaults) {
            Path path = Path.of(home).resolve(option[1]).toAbsolutePath().normalize();
            Path here = Path.of("").toAbsolutePath();
            args.add(option[0]);
            args.add((path.startsWith(here) ? here.relativize(path) : path).toString());
        }
        args.addAll(options);
        return args;
    }

    /** A stream that hands each finished line of UTF-8 text on to {@code writer}. */
    private static PrintStream lines(PrintWriter writer) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public void flush() {
                writer.print(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }
}
