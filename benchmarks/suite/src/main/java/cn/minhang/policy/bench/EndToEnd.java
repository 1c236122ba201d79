package cn.minhang.policy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole-process figures: {@code ./policy batch} on 1,000,000 generated applicants and {@code ./policy evaluate}
 * of one example, each against a plain-Java process doing the same work with the baseline ({@link BaselineBatch},
 * {@link BaselineEvaluate}): the same reader, the same files, the baseline's decision instead of the engine's.
 */
final class EndToEnd {
    /** The heap the batch target allows; both batch processes run with it as their limit. */
    static final String HEAP = "-Xmx512m";
    static final String EXAMPLE = "examples/joint-module-maker.json";
    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final boolean quick;
    private final Suite.Report report;

    EndToEnd(boolean quick, Suite.Report report) {
        this.quick = quick;
        this.report = report;
    }

    private boolean launcherMissing(String figure) {
        if (Files.isExecutable(Path.of("policy"))) {
            return false;
        }
        report.row(figure, "not measured: no ./policy launcher in this checkout", "", "", "", "");
        return true;
    }

    void batch() {
        int count = quick ? 100_000 : 1_000_000;
        String figure = String.format(Locale.ROOT, "batch, %,d generated applicants", count);
        System.out.printf("== batch: %,d generated applicants through ./policy batch%n", count);
        if (launcherMissing(figure)) {
            return;
        }
        Path population = Suite.OUT.resolve("population-" + Populations.SEED + "-" + count + ".jsonl");
        if (!Files.exists(population)) {
            System.out.println("   generating " + population + " (not timed)");
            run(List.of("./policy", "generate", "--count", String.valueOf(count), "--seed",
                    String.valueOf(Populations.SEED), "-o", population.toString()), Map.of(), null);
        }
        Path decisions = Suite.OUT.resolve("batch-decisions.jsonl");
        Path engineGc = Suite.OUT.resolve("batch-gc.log");
        String before = Suite.loadAverage();
        System.out.println("   ./policy batch (log: " + engineGc + ")");
        double engineSeconds = run(List.of("./policy", "batch", population.toString(), "-o", decisions.toString(),
                        "--summary-json", Suite.OUT.resolve("batch-budget.json").toString(), "--no-progress"),
                Map.of("POLICY_JAVA_OPTS", HEAP + " -Xlog:gc:file=" + engineGc, "POLICY_MVN_OPTS", "-o"),
                Suite.OUT.resolve("batch-stdout.txt"));
        long engineBytes = size(decisions);
        String after = Suite.loadAverage();
        report.load("batch", before, after);

        Path baselineOut = Suite.OUT.resolve("baseline-decisions.jsonl");
        Path baselineGc = Suite.OUT.resolve("baseline-batch-gc.log");
        System.out.println("   baseline batch (log: " + baselineGc + ")");
        double baselineSeconds = run(List.of(java(), HEAP, "-Xlog:gc:file=" + baselineGc, "-cp",
                        System.getProperty("java.class.path"), BaselineBatch.class.getName(), population.toString(),
                        baselineOut.toString()), Map.of(), null);
        long baselineBytes = size(baselineOut);
        delete(decisions);
        delete(baselineOut);

        report.time(figure + ", wall time", engineSeconds, "s", baselineSeconds, null, 60.0);
        long[] engineHeap = heap(engineGc);
        long[] baselineHeap = heap(baselineGc);
        report.time(figure + ", peak heap in use (before a collection)", engineHeap[0], "MB",
                (double) baselineHeap[0], null, 512.0 + 1e-9);
        report.time(figure + ", largest heap live after a collection", engineHeap[1], "MB",
                (double) baselineHeap[1], null, null);
        report.note(String.format(Locale.ROOT, "batch: both processes ran with %s; the engine's output was %,d MB "
                        + "of decisions with explanations in both languages, the baseline's %,d MB of lines and totals",
                HEAP, engineBytes >> 20, baselineBytes >> 20));
    }

    void cli() {
        String figure = "CLI evaluate of one example, process start to first decision";
        System.out.println("== cli: ./policy evaluate " + EXAMPLE + ", whole process");
        if (launcherMissing(figure)) {
            return;
        }
        int runs = quick ? 3 : 7;
        // One run first, untimed: it builds the jar if the sources changed, and fills the file cache.
        run(List.of("./policy", "evaluate", EXAMPLE), Map.of("POLICY_MVN_OPTS", "-o"), null);
        String before = Suite.loadAverage();
        double[] engine = new double[runs];
        double[] baseline = new double[runs];
        for (int i = 0; i < runs; i++) {
            engine[i] = run(List.of("./policy", "evaluate", EXAMPLE), Map.of("POLICY_MVN_OPTS", "-o"), null);
            baseline[i] = run(List.of(java(), "-cp", System.getProperty("java.class.path"),
                    BaselineEvaluate.class.getName(), EXAMPLE), Map.of(), null);
        }
        report.load("cli", before, Suite.loadAverage());
        report.time(figure + ", mean of " + runs, mean(engine) * 1000, "ms", mean(baseline) * 1000,
                "the baseline deciding it in a java process of its own", 2000.0);
        report.time(figure + ", slowest of " + runs, max(engine) * 1000, "ms", max(baseline) * 1000, null, 2000.0);
    }

    /** Runs a command to completion; returns its wall time in seconds. Fails on a non-zero exit. */
    private static double run(List<String> command, Map<String, String> env, Path stdout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(stdout == null);
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        long started = System.nanoTime();
        try {
            int exit = pb.start().waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {largest heap in use before a collection, largest live after one}, in MB, from a -Xlog:gc file. */
    static long[] heap(Path gcLog) {
        long before = 0;
        long after = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC.matcher(line);
                if (m.find()) {
                    before = Math.max(before, mb(m.group(1), m.group(2)));
                    after = Math.max(after, mb(m.group(3), m.group(4)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {before, after};
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
