package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import cn.minhang.policy.batch.BatchLines;
import cn.minhang.policy.batch.BulkOutput;
import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.batch.NumberedLine;
import cn.minhang.policy.batch.OrderedPipeline;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.DecisionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "batch", mixinStandardHelpOptions = true,
        header = {"Evaluate a JSONL population in order, in parallel, with a budget summary.", ""},
        description = {"Evaluates one application per line of a JSONL file and writes one line per input line, in "
                + "order: the decision document (docs/json-contract.md) with \"line\": N, or an error document naming "
                + "the input line. No line is dropped.",
                "Streams in constant memory on every core, shows a progress bar on stderr when it is a terminal, and "
                        + "ends with a budget summary: per clause the applicants and lines granted and the amount, "
                        + "and the grand total (on stdout with -o, else on stderr).",
                "Exit code 0 when every line was evaluated, 2 when a line was invalid, 1 when an evaluation failed; "
                        + "the output is complete in every case."},
        footer = {"", "Examples:", "  ./policy generate --count 100000 --seed 7 -o population.jsonl",
                "  ./policy batch population.jsonl -o decisions.jsonl"})
final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.jsonl", description = "One application per line ('-' for stdin).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jsonl", description = "Where the decisions go "
            + "(default: stdout).")
    Path output;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the budget summary as JSON.")
    Path summaryJson;

    @Option(names = "--lang", paramLabel = "zh|en", defaultValue = "zh",
            description = "Language of the budget summary (default: ${DEFAULT-VALUE}).")
    Language language;

    @Option(names = "--at", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "The evaluation time written in every audit (default: the time of each evaluation).")
    Instant at;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores, "
            + "${sys:policy.cores}). The output is the same for any number.")
    Integer threads;

    @Option(names = "--progress", negatable = true, description = "Show the progress bar (default: only when "
            + "stderr is a terminal).")
    Boolean progress;

    @Option(names = "--explanations", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Write each line's explanation, the sentence in Chinese and English (default). "
                    + "--no-explanations leaves it out: a quarter less output and less work, and every figure "
                    + "the sentence is made of stays in the line.")
    boolean explanations;

    @Mixin
    RulesOption rules;

    static {
        System.setProperty("policy.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * What a worker hands on for one line: its output line in UTF-8, and the decision for the budget (null on
     * error).
     */
    private record Outcome(byte[] line, Decision decision, boolean failed, long bytes) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--threads must be at least 1");
        }
        // The input, then the files written, then the rules: a wrong argument is found before any work.
        try (LineInput in = Inputs.lines(input);
             Writer summary = summaryJson == null ? null : Outputs.open("--summary-json", summaryJson,
                     () -> Files.newBufferedWriter(summaryJson, StandardCharsets.UTF_8))) {
            Lines out = output == null ? new Lines.ToWriter(spec.commandLine().getOut())
                    : new Lines.ToStream(Outputs.open("-o", output, () -> BulkOutput.open(output)));
            return run(in, out, summary, workers, err);
        }
    }

    private int run(LineInput in, Lines out, Writer summary, int workers, PrintWriter err) throws IOException {
        PolicyEngine engine;
        Budget budget;
        try (out) {
            engine = rules.engine();
            budget = new Budget(engine.rules().catalogue());
            long[] done = {0};  // bytes of the input lines written out, for the progress bar
            Progress bar = new Progress(err, progress == null ? Progress.stderrIsTerminal() : progress, in.size());
            try (OrderedPipeline<NumberedLine, Outcome> pipeline = new OrderedPipeline<>(workers,
                    OrderedPipeline.defaultWindow(workers), n -> evaluate(engine, n), o -> {
                        write(o, out, budget);
                        done[0] += o.bytes();
                        bar.update(done[0], budget.lines());
                    })) {
                LineInput.Line line;
                long number = 0;
                while ((line = in.next()) != null) {
                    pipeline.submit(new NumberedLine(++number, line));
                }
                pipeline.finish();
                bar.finish(done[0], budget.lines());
            }
        }
        PrintWriter summaryOut = output == null ? err : spec.commandLine().getOut();
        for (String line : budget.render(language, engine.rules().version())) {
            summaryOut.println(line);
        }
        summaryOut.flush();
        if (summary != null) {
            summary.write(DecisionJson.pretty(budget.toJson(engine.rules().version())) + "\n");
        }
        return budget.failed() > 0 ? PolicyCli.FAILURE : budget.invalid() > 0 ? PolicyCli.INVALID_INPUT : PolicyCli.OK;
    }

    /** Where the output lines go: a file as bytes, or the command's standard output. */
    private sealed interface Lines extends AutoCloseable {
        void write(byte[] line) throws IOException;

        @Override
        void close() throws IOException;

        /** A file: the UTF-8 bytes as they are. */
        record ToStream(OutputStream out) implements Lines {
            @Override
            public void write(byte[] line) throws IOException {
                out.write(line);
                out.write('\n');
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        }

        /** The command's standard output, a writer of text; left open. */
        record ToWriter(Writer out) implements Lines {
            @Override
            public void write(byte[] line) throws IOException {
                out.write(new String(line, StandardCharsets.UTF_8));
                out.write('\n');
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }
    }

    private Outcome evaluate(PolicyEngine engine, NumberedLine line) {
        BatchLines.Outcome o = BatchLines.evaluate(engine, line.number(), line.line(), at, explanations);
        return new Outcome(o.bytes(), o.decision(), o.failed(), line.line().size());
    }

    private static void write(Outcome outcome, Lines out, Budget budget) {
        try {
            out.write(outcome.line());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (outcome.decision() != null) {
            budget.add(outcome.decision());
        } else if (outcome.failed()) {
            budget.addFailed();
        } else {
            budget.addInvalid();
        }
    }
}
