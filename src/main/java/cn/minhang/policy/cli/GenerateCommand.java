package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import cn.minhang.policy.population.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        header = {"Write a synthetic, realistic population of applicants (JSONL).", ""},
        description = {"Writes a synthetic but realistic population of applicants, one JSON application per line, "
                + "that exercises every clause of the policy: component makers, buyers of robots, manufacturers "
                + "retooling, university spin-offs, service-robot firms, platform operators, settling chain leaders "
                + "and small firms, with plausible amounts and awards under other policies.",
                "The same seed always gives the same file; applicant i is the same whatever the count."},
        footer = {"", "Example:", "  ./policy generate --count 100000 --seed 7 -o population.jsonl"})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", required = true, description = "How many applicants.")
    long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write (default: stdout).")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (count < 0) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--count must not be negative");
        }
        if (output == null) {
            PopulationGenerator.writeJsonl(seed, count, spec.commandLine().getOut());
        } else {
            try (Writer out = Outputs.open("-o", output,
                    () -> Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                PopulationGenerator.writeJsonl(seed, count, out);
            }
        }
        return PolicyCli.OK;
    }
}
