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

    /** The batch figures: 100,000 and 1,000,000 applicants (10,000 in quick mode), engine and baseline. */
    void batch() {
        if (!launcherMissing("batch")) {
            // Untimed: the rules compiled once and kept in target/rules-cache, as any earlier command on the same
            // rules leaves them; each timed batch then reads them instead of compiling (about 1 s less).
            run(List.of("./policy", "check"), Map.of("POLICY_MVN_OPTS", "-o"), null, null);
            report.note("batch: the rules were compiled and cached by an untimed ./policy check before the timed runs");
        }
        if (quick) {
            batch(10_000, 2.0);
        } else {
            batch(100_000, 2.0);
            batch(1_000_000, 1.5);
        }
    }

    private void batch(int count, double ratioGoal) {
        String figure = String.format(Locale.ROOT, "batch, %,d generated applicants", count);
        System.out.printf("== batch: %,d generated applicants through ./policy batch%n", count);
        if (launcherMissing(figure)) {
            return;
        }
        Path population = Suite.OUT.resolve("population-" + Populations.SEED + "-" + count + ".jsonl");
        if (!Files.exists(population)) {
            System.out.println("   generating " + population + " (not timed)");
            run(List.of("./policy", "generate", "--count", String.valueOf(count), "--seed",
                    String.valueOf(Populations.SEED), "-o", population.toString()), Map.of(), null, null);
        }
        String before = Suite.loadAverage();
        // Engine, baseline, engine without explanations: a load that drifts during the part weighs on both sides.
        EngineRun complete = engineBatch(population, count, true);
        Progress engineProgress = complete.progress();
        double engineSeconds = complete.seconds();
        long engineBytes = complete.bytes();
        Path engineGc = complete.gc();

        Path baselineOut = Suite.OUT.resolve("baseline-decisions.jsonl");
        Path baselineGc = Suite.OUT.resolve("baseline-batch-" + count + "-gc.log");
        System.out.println("   baseline batch (log: " + baselineGc + ")");
        Progress baselineProgress = new Progress(baselineOut);
        double baselineSeconds = run(List.of(java(), HEAP, "-Xlog:gc:file=" + baselineGc, "-cp",
                        System.getProperty("java.class.path"), BaselineBatch.class.getName(), population.toString(),
                        baselineOut.toString()), Map.of(), null, baselineProgress);
        long baselineBytes = size(baselineOut);
        delete(baselineOut);
        EngineRun lean = engineBatch(population, count, false);
        report.load("batch-" + count, before, Suite.loadAverage());

        report.ratio(figure + ", wall time", engineSeconds, "s", baselineSeconds, ratioGoal);
        report.ratio(figure + " --no-explanations, wall time", lean.seconds(), "s", baselineSeconds, ratioGoal);
        for (double at : new double[] {10, 30}) {
            if (engineSeconds > at && baselineSeconds > at) {
                report.rate(String.format(Locale.ROOT, "%s, rate over the first %.0f s (start-up included)", figure,
                        at), engineProgress.linesAt(at) / at, baselineProgress.linesAt(at) / at, null, null);
            }
        }
        report.rate(figure + ", rate over the last 10 s", engineProgress.rateOverLast(10),
                baselineProgress.rateOverLast(10), null, null);
        report.rate(figure + " --no-explanations, rate over the last 10 s", lean.progress().rateOverLast(10),
                baselineProgress.rateOverLast(10), null, null);
        long[] leanHeap = heap(lean.gc());
        long[] engineHeap = heap(engineGc);
        long[] baselineHeap = heap(baselineGc);
        report.time(figure + ", peak heap in use (before a collection)", engineHeap[0], "MB",
                (double) baselineHeap[0], null, 512.0 + 1e-9);
        report.time(figure + ", largest heap live after a collection", engineHeap[1], "MB",
                (double) baselineHeap[1], null, null);
        report.time(figure + " --no-explanations, peak heap in use", leanHeap[0], "MB", (double) baselineHeap[0], null,
                512.0 + 1e-9);
        report.note(String.format(Locale.ROOT, "batch of %,d: both processes ran with %s; the engine's output was "
                        + "%,d MB of decisions with explanations in both languages, the baseline's %,d MB of lines and "
                        + "totals (%,d MB without explanations); lines written by the engine after 10 s, 30 s and at the end: "
                + "%,d, %,d, %,d in %.1f s (without explanations %,d, %,d, %,d in %.1f s)",
                count, HEAP, engineBytes >> 20, baselineBytes >> 20, lean.bytes() >> 20, engineProgress.linesAt(10),
                engineProgress.linesAt(30), engineProgress.lines(), engineSeconds, lean.progress().linesAt(10),
                lean.progress().linesAt(30), lean.progress().lines(), lean.seconds()));
    }

    private record EngineRun(double seconds, long bytes, Progress progress, Path gc) {
    }

    private EngineRun engineBatch(Path population, int count, boolean explanations) {
        Path decisions = Suite.OUT.resolve("batch-decisions.jsonl");
        Path gc = Suite.OUT.resolve("batch-" + count + (explanations ? "" : "-no-explanations") + "-gc.log");
        System.out.println("   ./policy batch" + (explanations ? "" : " --no-explanations") + " (log: " + gc + ")");
        // The engine's own progress bar, read from its stderr: counting the lines of its 5 GB output as it grows
        // would take seconds of the same two cores from the run being measured.
        Progress progress = Progress.ofBar();
        List<String> command = new java.util.ArrayList<>(List.of("./policy", "batch", population.toString(), "-o",
                decisions.toString(), "--summary-json", Suite.OUT.resolve("batch-budget.json").toString(),
                "--progress"));
        if (!explanations) {
            command.add("--no-explanations");
        }
        double seconds = run(command, Map.of("POLICY_JAVA_OPTS", HEAP + " -Xlog:gc:file=" + gc, "POLICY_MVN_OPTS", "-o"),
                Suite.OUT.resolve("batch-stdout.txt"), progress);
        long bytes = size(decisions);
        delete(decisions);
        return new EngineRun(seconds, bytes, progress, gc);
    }

    void cli() {
        String figure = "CLI evaluate of one example, process start to first decision";
        System.out.println("== cli: ./policy evaluate " + EXAMPLE + ", whole process");
        if (launcherMissing(figure)) {
            return;
        }
        int runs = quick ? 3 : 7;
        // One run first, untimed: it builds the jar if the sources changed, and fills the file cache.
        run(List.of("./policy", "evaluate", EXAMPLE), Map.of("POLICY_MVN_OPTS", "-o"), null, null);
        String before = Suite.loadAverage();
        double[] engine = new double[runs];
        double[] baseline = new double[runs];
        for (int i = 0; i < runs; i++) {
            engine[i] = run(List.of("./policy", "evaluate", EXAMPLE), Map.of("POLICY_MVN_OPTS", "-o"), null, null);
            baseline[i] = run(List.of(java(), "-cp", System.getProperty("java.class.path"),
                    BaselineEvaluate.class.getName(), EXAMPLE), Map.of(), null, null);
        }
        report.load("cli", before, Suite.loadAverage());
        report.ratio(figure + ", mean of " + runs, mean(engine) * 1000, "ms", mean(baseline) * 1000, 3.0);
        report.time(figure + ", slowest of " + runs, max(engine) * 1000, "ms", max(baseline) * 1000, null, 2000.0);
    }

    /**
     * Runs a command to completion; returns its wall time in seconds. Fails on a non-zero exit. While it runs,
     * {@code progress} (if any) counts the lines of its output file.
     */
    private static double run(List<String> command, Map<String, String> env, Path stdout, Progress progress) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectErrorStream(stdout == null);
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(progress != null && progress.readsBar() ? ProcessBuilder.Redirect.PIPE
                    : ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        long started = System.nanoTime();
        try {
            Process process = pb.start();
            if (progress != null) {
                progress.watch(process, started);
            }
            int exit = process.waitFor();
            double seconds = (System.nanoTime() - started) / 1e9;
            if (progress != null) {
                progress.finish(seconds);
            }
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

    /**
     * The lines a process has written to its output file, sampled every 100 ms from its start: the warm-up
     * curve of a batch (how many lines after 10 s, after 30 s, and the rate at the end).
     */
    static final class Progress {
        private static final Pattern BAR = Pattern.compile("([0-9][0-9,.]*) applicants");
        /** The output file whose lines are counted; null when the lines are read from the progress bar. */
        private final Path file;
        private final List<double[]> samples = new java.util.ArrayList<>();  // {seconds, lines}
        private Thread watcher;
        private long lines;
        private long read;

        Progress(Path file) {
            this.file = file;
        }

        /**
         * The lines done as {@code ./policy batch --progress} draws them on its stderr, five times a second, with
         * the time each drawing arrives; whatever else it writes there is passed on.
         */
        static Progress ofBar() {
            return new Progress(null);
        }

        boolean readsBar() {
            return file == null;
        }

        void watch(Process process, long started) {
            if (readsBar()) {
                watcher = new Thread(() -> readBar(process, started), "batch-progress-bar");
                watcher.setDaemon(true);
                watcher.start();
                return;
            }
            watcher = new Thread(() -> {
                try {
                    while (process.isAlive()) {
                        sample((System.nanoTime() - started) / 1e9);
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "batch-progress");
            watcher.setDaemon(true);
            watcher.start();
        }

        void finish(double seconds) throws InterruptedException {
            watcher.join();
            if (readsBar()) {
                synchronized (this) {
                    samples.add(new double[] {seconds, lines});
                }
                return;
            }
            sample(seconds);
        }

        private void readBar(Process process, long started) {
            StringBuilder text = new StringBuilder();
            try (java.io.Reader in = new java.io.InputStreamReader(process.getErrorStream(),
                    java.nio.charset.StandardCharsets.UTF_8)) {
                int c;
                while ((c = in.read()) >= 0) {
                    if (c != '\r' && c != '\n') {
                        text.append((char) c);
                        continue;
                    }
                    Matcher bar = BAR.matcher(text);
                    if (bar.find()) {
                        long done = Long.parseLong(bar.group(1).replaceAll("[^0-9]", ""));
                        synchronized (this) {
                            lines = done;
                            samples.add(new double[] {(System.nanoTime() - started) / 1e9, done});
                        }
                    } else if (!text.toString().isBlank()) {
                        System.err.println(text);
                    }
                    text.setLength(0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private synchronized void sample(double seconds) {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
                channel.position(read);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20);
                int n;
                while ((n = channel.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer.get(i) == '\n') {
                            lines++;
                        }
                    }
                    read += n;
                    buffer.clear();
                }
            } catch (IOException e) {
                // not created yet
            }
            samples.add(new double[] {seconds, lines});
        }

        /** Lines written by {@code seconds} after the start (interpolated between samples). */
        synchronized long linesAt(double seconds) {
            double[] previous = {0, 0};
            for (double[] s : samples) {
                if (s[0] >= seconds) {
                    double f = s[0] == previous[0] ? 1 : (seconds - previous[0]) / (s[0] - previous[0]);
                    return Math.round(previous[1] + f * (s[1] - previous[1]));
                }
                previous = s;
            }
            return lines;
        }

        synchronized long lines() {
            return lines;
        }

        /** Lines a second over the last {@code seconds} before the end (from the last line written). */
        synchronized double rateOverLast(double seconds) {
            double[] last = null;
            for (double[] s : samples) {
                if (s[1] == lines) {
                    last = s;
                    break;
                }
            }
            if (last == null || last[0] <= seconds) {
                return last == null ? 0 : lines / Math.max(last[0], 1e-9);
            }
            return (lines - linesAt(last[0] - seconds)) / seconds;
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
