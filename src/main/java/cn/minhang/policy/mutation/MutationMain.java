package cn.minhang.policy.mutation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import cn.minhang.policy.mutation.MutantResult.Outcome;
import org.slf4j.LoggerFactory;

/**
 * The mutation report from the command line: {@code mvn -Pmutation verify} runs it (see docs/mutation.md).
 *
 * <pre>
 * MutationMain [--rules DIR] [--specs DIR] [--equivalents FILE] [--out DIR] [--snapshot FILE|none]
 *              [--threads N] [--max-mutants N] [--file NAME]... [--fail-on-survivors]
 * </pre>
 *
 * <p>Writes {@code report.md} and {@code report.json} to the output directory (default {@code target/mutation}),
 * refreshes the score snapshot that the traceability report reads (default {@code mutation/scores.json}; only
 * on a run over every file), and prints the score table. Exit code 0; 1 with {@code --fail-on-survivors} when a
 * mutant survived unexplained or an equivalent entry is stale; 2 when it could not run.
 */
public final class MutationMain {
    static final String COMMAND = "mvn -Pmutation verify";

    private MutationMain() {
    }

    public static void main(String[] args) {
        quietLogging();
        int code = run(System.out, System.err, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs with these arguments, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Path rules = Path.of("rules");
        Path specs = Path.of("specs");
        Path equivalents = Path.of("mutation", "equivalent-mutants.yaml");
        Path outDir = Path.of("target", "mutation");
        Path snapshot = Path.of("mutation", "scores.json");
        int threads = Runtime.getRuntime().availableProcessors();
        int max = MutationTester.DEFAULT_CEILING;
        Set<String> files = new LinkedHashSet<>();
        boolean failOnSurvivors = false;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--rules" -> rules = Path.of(value(args, ++i, a));
                    case "--specs" -> specs = Path.of(value(args, ++i, a));
                    case "--equivalents" -> equivalents = Path.of(value(args, ++i, a));
                    case "--out" -> outDir = Path.of(value(args, ++i, a));
                    case "--snapshot" -> {
                        String v = value(args, ++i, a);
                        snapshot = v.equals("none") ? null : Path.of(v);
                    }
                    case "--threads" -> threads = number(value(args, ++i, a), a);
                    case "--max-mutants" -> max = number(value(args, ++i, a), a);
                    case "--file" -> files.add(value(args, ++i, a));
                    case "--fail-on-survivors" -> failOnSurvivors = true;
                    case "--help", "-h" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return 2;
        }

        MutationRun run;
        try {
            MutationTester.Options options = new MutationTester.Options(rules, specs, equivalents, threads, max, files,
                    out::println);
            run = MutationTester.run(options);
        } catch (RuntimeException e) {
            err.println("mutation testing could not run: " + e.getMessage());
            return 2;
        }
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("report.md"), MutationReport.markdown(run, COMMAND), StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("report.json"), MutationReport.json(run), StandardCharsets.UTF_8);
            if (snapshot != null && files.isEmpty()) {
                if (snapshot.getParent() != null) {
                    Files.createDirectories(snapshot.getParent());
                }
                Files.writeString(snapshot, MutationReport.snapshot(run), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        out.println();
        out.print(MutationReport.table(run));
        List<MutantResult> survivors = run.with(Outcome.SURVIVED);
        if (!survivors.isEmpty()) {
            out.println();
            out.println(survivors.size() + " surviving mutant(s) — add a spec, or list as equivalent with the reason:");
            for (MutantResult r : survivors) {
                out.println("  " + r.mutant().location() + "  " + r.mutant().rule());
                out.println("      " + r.mutant().change());
            }
        }
        if (!run.stale().isEmpty()) {
            out.println();
            out.println(run.stale().size() + " stale entr(y/ies) in " + equivalents + ":");
            run.stale().forEach(s -> out.println("  " + s.entry().key() + ": " + s.problem()));
        }
        out.println();
        out.printf("%d mutants in %.1f s; report: %s%n", run.results().size(), run.elapsed().toMillis() / 1000.0,
                outDir.resolve("report.md"));
        return failOnSurvivors && !run.clean() ? 1 : 0;
    }

    private static int number(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + value + "'");
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: MutationMain [--rules DIR] [--specs DIR] [--equivalents FILE] [--out DIR]
                                    [--snapshot FILE|none] [--threads N] [--max-mutants N] [--file NAME]...
                                    [--fail-on-survivors]
                  --rules DIR          rule files to mutate (default rules)
                  --specs DIR          spec files to run (default specs)
                  --equivalents FILE   surviving mutants known to be equivalent (default mutation/equivalent-mutants.yaml)
                  --out DIR            where report.md and report.json go (default target/mutation)
                  --snapshot FILE      score snapshot for the traceability report (default mutation/scores.json;
                                       written only when every file is mutated; 'none' to skip)
                  --threads N          size of the thread pool (default: one per core)
                  --max-mutants N      ceiling on mutants; the rest are reported as skipped (default 5000)
                  --file NAME          mutate only this rule file (repeatable); every spec still runs
                  --fail-on-survivors  exit 1 if a mutant survives unexplained or an equivalent entry is stale""";
    }

    /** Drools logs every build at INFO; a run makes hundreds. Also used by the traceability report's main. */
    public static void quietLogging() {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
                context.getLogger("org.drools").setLevel(ch.qos.logback.classic.Level.ERROR);
                context.getLogger("org.kie").setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        } catch (NoClassDefFoundError e) {
            // logback is optional: another logging backend keeps its own configuration
        }
    }
}
