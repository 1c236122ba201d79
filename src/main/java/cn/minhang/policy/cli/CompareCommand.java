package cn.minhang.policy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.batch.NumberedLine;
import cn.minhang.policy.batch.OrderedPipeline;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        header = {"Compare two sets of rules over a population, clause by clause.", ""},
        description = {"Evaluates a population (JSONL, one application per line) under two sets of rules and "
                + "reports, per clause, the totals under A and under B and the difference; the number of applicants "
                + "whose decision changed; and the largest changes with the lines that differ (- under A, + under B).",
                "Exit code 0, or 2 when a line of the population is invalid (it is counted, not compared)."},
        footer = {"", "Examples:", "  ./policy compare --rules rules --rules /tmp/edited-rules population.jsonl",
                "  ./policy compare --rules rules --rules /tmp/edited-rules --csv population.jsonl > by-clause.csv"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rules", paramLabel = "DIR", arity = "1", required = true,
            description = "The rules directories to compare: give --rules twice, A first, then B.")
    List<Path> rules;

    @Parameters(index = "0", paramLabel = "POPULATION.jsonl", description = "The applicants ('-' for stdin).")
    String population;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many of the largest changes to show (default: ${DEFAULT-VALUE}).")
    int top;

    @ArgGroup(exclusive = true)
    Format format;

    static final class Format {
        @Option(names = "--json", description = "Print the comparison as JSON.")
        boolean json;

        @Option(names = "--csv", description = "Print the per-clause table as CSV.")
        boolean csv;
    }

    @Option(names = "--lang", paramLabel = "zh|en", defaultValue = "zh",
            description = "Language of the readable report (default: ${DEFAULT-VALUE}).")
    Language language;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of cores).")
    Integer threads;

    private record Outcome(long line, Decision a, Decision b, boolean invalid) {
    }

    @Override
    public Integer call() throws IOException {
        if (rules.size() != 2) {
            throw new CliException(PolicyCli.INVALID_INPUT, "give --rules exactly twice (A, then B); was given "
                    + rules.size() + " time(s)");
        }
        if (top < 0) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--top must not be negative");
        }
        PolicyEngine a = PolicyEngine.of(RulesOption.source(rules.get(0)));
        PolicyEngine b = PolicyEngine.of(RulesOption.source(rules.get(1)));
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--threads must be at least 1");
        }
        Comparison comparison = new Comparison(top, a.rules().catalogue(), b.rules().catalogue());
        try (LineInput in = Inputs.lines(population);
             OrderedPipeline<NumberedLine, Outcome> pipeline = new OrderedPipeline<>(workers,
                     OrderedPipeline.defaultWindow(workers), n -> evaluate(a, b, n), o -> {
                 if (o.invalid()) {
                     comparison.addInvalid();
                 } else if (o.a() == null) {
                     comparison.addFailed();
                 } else {
                     comparison.add(o.line(), o.a(), o.b());
                 }
             })) {
            LineInput.Line line;
            long number = 0;
            while ((line = in.next()) != null) {
                pipeline.submit(new NumberedLine(++number, line));
            }
            pipeline.finish();
        }
        PrintWriter out = spec.commandLine().getOut();
        String originA = a.rules().source().origin();
        String originB = b.rules().source().origin();
        if (format != null && format.json) {
            out.println(DecisionJson.pretty(comparison.toJson(originA, a.rules().version(), originB,
                    b.rules().version())));
        } else if (format != null && format.csv) {
            comparison.toCsv().forEach(out::println);
        } else {
            comparison.render(language, originA, a.rules().version(), originB, b.rules().version()).forEach(out::println);
        }
        if (comparison.invalid() > 0 || comparison.failed() > 0) {
            spec.commandLine().getErr().println(comparison.invalid() + " invalid and " + comparison.failed()
                    + " failed line(s) were not compared");
        }
        return comparison.failed() > 0 ? PolicyCli.FAILURE
                : comparison.invalid() > 0 ? PolicyCli.INVALID_INPUT : PolicyCli.OK;
    }

    private static Outcome evaluate(PolicyEngine a, PolicyEngine b, NumberedLine line) {
        Application application;
        if (line.line().tooLong()) {
            return new Outcome(line.number(), null, null, true);
        }
        try {
            application = ApplicationReader.fromJson(line.line().bytes());
        } catch (InvalidApplicationException e) {
            return new Outcome(line.number(), null, null, true);
        }
        try {
            return new Outcome(line.number(), a.evaluate(application), b.evaluate(application), false);
        } catch (InvalidApplicationException e) {
            return new Outcome(line.number(), null, null, true);
        } catch (RuntimeException e) {
            return new Outcome(line.number(), null, null, false);
        }
    }
}
