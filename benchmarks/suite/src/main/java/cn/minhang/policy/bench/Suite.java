package cn.minhang.policy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.minhang.policy.engine.PolicyEngine;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole suite, one command: checks the baseline against the engine, runs every benchmark and prints every
 * figure next to the baseline's figure from the same run, the ratio between them, and the target.
 *
 * <pre>
 * benchmarks/run                      # everything (about 10 minutes on 2 cores)
 * benchmarks/run --quick              # one fork, short iterations: a smoke test, not figures to quote
 * benchmarks/run --only latency,build # some parts: check, build, latency, throughput, batch, cli, and the
 *                                     # tuning comparisons sessions and compilers (not in the default run)
 * </pre>
 *
 * Results go to {@code benchmarks/target/results/}: JMH's own log and JSON per part, and {@code summary.txt}.
 */
public final class Suite {
    static final Path OUT = Path.of("benchmarks", "target", "results");

    private final boolean quick;
    private final Set<String> parts;
    private final Report report = new Report();

    private Suite(boolean quick, Set<String> parts) {
        this.quick = quick;
        this.parts = parts;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Set<String> parts = new LinkedHashSet<>(List.of("check", "build", "latency", "throughput", "batch", "cli"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> parts = new LinkedHashSet<>(List.of(args[++i].split(",")));
                default -> {
                    System.err.println("usage: benchmarks/run [--quick] [--only check,build,latency,throughput,"
                            + "batch,cli,sessions,compilers]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(OUT);
        new Suite(quick, parts).run();
    }

    private void run() throws RunnerException {
        long started = System.nanoTime();
        System.out.printf("Benchmark suite, %s, %d cores, %s%s%n", LocalDateTime.now().format(
                DateTimeFormatter.ISO_LOCAL_DATE_TIME), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                quick ? " (--quick: smoke test, not figures)" : "");
        if (parts.contains("check")) {
            check();
        }
        if (parts.contains("build")) {
            build();
        }
        if (parts.contains("latency")) {
            latency();
        }
        if (parts.contains("throughput")) {
            throughput();
        }
        if (parts.contains("sessions")) {
            sessions();
        }
        if (parts.contains("compilers")) {
            compilers();
        }
        if (parts.contains("batch") || parts.contains("cli")) {
            EndToEnd endToEnd = new EndToEnd(quick, report);
            if (parts.contains("batch")) {
                endToEnd.batch();
            }
            if (parts.contains("cli")) {
                endToEnd.cli();
            }
        }
        String summary = report.render((System.nanoTime() - started) / 1e9);
        System.out.println();
        System.out.println(summary);
        write(OUT.resolve("summary.txt"), summary);
    }

    /** The baseline must grant what the engine grants before either is timed. */
    private void check() {
        System.out.println("== check: the baseline against the engine");
        if (quick) {
            // The rules compiled here are kept for the latency and throughput forks (see forkArguments).
            System.setProperty("policy.rules.cache", rulesCache());
        }
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        int specs = Agreement.check(engine, Agreement.specApplications(Path.of("specs")), "spec applications");
        int randomCount = quick ? 1_000 : 20_000;
        int random = Agreement.check(engine, Applicants.population(7, randomCount, Applicants.Profile.MIXED),
                "random applications (every branch)");
        int populationCount = quick ? 2_000 : 100_000;
        int population = Agreement.check(engine, Populations.generate(populationCount), "typical applicants");
        int generated = Agreement.check(engine, Populations.generator(populationCount), "generated applicants");
        String line = String.format(Locale.ROOT, "baseline agrees with the engine on %d spec applications, %d random"
                + " applications (every branch), the %d applicants of ./policy generate's population and %d typical"
                + " applicants", specs, random, generated, population);
        System.out.println("   " + line);
        report.note(line);
    }

    private void build() throws RunnerException {
        System.out.println("== build: rule base from rules/, cold and warm");
        // Cold means the first build in a JVM: no warm-up iteration, one build per fork, in quick mode too.
        Collection<RunResult> cold = jmh("build-cold", options()
                .include(BuildBenchmark.class.getName() + "\\.cold")
                .forks(quick ? 1 : 6)
                .warmupIterations(0)
                .measurementIterations(1));
        Collection<RunResult> warm = jmh("build-warm", options()
                .include(BuildBenchmark.class.getName() + "\\.warmBuild")
                .forks(quick ? 1 : 2)
                .warmupIterations(quick ? 2 : 8)
                .measurementIterations(quick ? 2 : 10));
        warmUp("build-warm", warm, false);
        Result coldBuild = primary(cold, "coldBuild");
        Result coldBaseline = primary(cold, "coldBaseline");
        Result warmBuild = primary(warm, "warmBuild");
        report.time("Rule-base build, cold (first in a JVM), mean", coldBuild.getScore(), "ms",
                coldBaseline.getScore(), "first plain-Java decision in a fresh JVM", null);
        report.time("Rule-base build, warm, mean", warmBuild.getScore(), "ms", null, null, 1000.0);
    }

    private void latency() throws RunnerException {
        System.out.println("== latency: one evaluation, typical (5 facts) and large (71 facts)");
        Collection<RunResult> runs = jmh("latency", options()
                .include(LatencyBenchmark.class.getName())
                .jvmArgsAppend(forkArguments().toArray(String[]::new)));
        warmUp("latency", runs, false);
        Result engineTypical = primary(runs, "engineTypical");
        Result baselineTypical = primary(runs, "baselineTypical");
        Result engineLarge = primary(runs, "engineLarge");
        Result baselineLarge = primary(runs, "baselineLarge");
        report.time("One evaluation, typical applicant, mean", engineTypical.getScore(), "us",
                baselineTypical.getScore(), null, null);
        report.time("One evaluation, typical applicant, p99", p99(engineTypical), "us", p99(baselineTypical), null,
                1000.0);
        report.time("One evaluation, large applicant, mean", engineLarge.getScore(), "us",
                baselineLarge.getScore(), null, 10_000.0);
        report.time("One evaluation, large applicant, p99", p99(engineLarge), "us", p99(baselineLarge), null,
                10_000.0);
    }

    private void throughput() throws RunnerException {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println("== throughput: " + (quick ? "5,000" : "100,000") + " applicants (generated, typical), "
                + (quick ? "" : "1 thread and ") + cores + " threads");
        // Quick mode: one thread per core only, on a smaller population.
        for (int threads : cores == 1 || quick ? new int[] {cores} : new int[] {1, cores}) {
            ChainedOptionsBuilder options = options()
                    .include(ThroughputBenchmark.class.getName())
                    .threads(threads);
            if (!quick) {
                // Two populations by two implementations by two thread counts: shorter runs keep the suite
                // near its quarter of an hour.
                options.warmupIterations(8).measurementIterations(4);
            }
            // jvmArgsAppend replaces what an earlier call appended: every argument goes in one call.
            List<String> jvm = forkArguments();
            if (quick) {
                jvm.add("-Dbench.population=5000");
            }
            Collection<RunResult> runs = jmh("throughput-" + threads, options
                    .jvmArgsAppend(jvm.toArray(String[]::new)));
            warmUp("throughput-" + threads, runs, true);
            for (String population : List.of("generator", "typical")) {
                Result engine = primary(runs, "engine", population);
                Result baseline = primary(runs, "baseline", population);
                report.rate("Throughput, " + (quick ? "5,000 " : "100,000 ") + (population.equals("generator")
                                ? "generated applicants (./policy generate's population)" : "typical applicants")
                                + ", " + threads + " thread" + (threads == 1 ? "" : "s"),
                        engine.getScore(), baseline.getScore(), threads == cores ? 50_000.0 : null,
                        threads == cores ? 10.0 : null);
            }
        }
    }

    /** Stateful against stateless, new against pooled: informative, for the tuning record. */
    private void sessions() throws RunnerException {
        System.out.println("== sessions: stateful and stateless, new and pooled");
        Collection<RunResult> runs = jmh("sessions", options()
                .include(SessionBenchmark.class.getName())
                .jvmArgsAppend("-Xms2g", "-Xmx2g", rulesArgument()));
        for (RunResult r : runs) {
            report.note(String.format(Locale.ROOT, "session mode %-16s %-8s %10.1f us/op ± %.1f",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), r.getParams().getParam("applicant"),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()));
        }
    }

    /** The classic compiler against the executable model: informative, for the tuning record. */
    private void compilers() throws RunnerException {
        System.out.println("== compilers: classic DRL against the executable model");
        Collection<RunResult> runs = jmh("compilers", options()
                .include(CompilerBenchmark.class.getName())
                .jvmArgsAppend("-Xms2g", "-Xmx2g", rulesArgument()));
        for (RunResult r : runs) {
            String method = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String applicant = r.getParams().getParam("applicant");
            report.note(String.format(Locale.ROOT, "compiler %-24s %-8s %10.1f %s ± %.1f", method,
                    applicant == null ? "" : applicant, r.getPrimaryResult().getScore(),
                    r.getPrimaryResult().getScoreUnit(), r.getPrimaryResult().getScoreError()));
        }
    }

    /**
     * The JVM arguments of the latency and throughput forks. In quick mode each fork reads the rule base the check
     * compiled (the engine's rule-base cache, as {@code ./policy} uses it) instead of compiling it again in its
     * set-up: the build part still times the compile, and quick mode is a smoke test.
     */
    private List<String> forkArguments() {
        List<String> jvm = new ArrayList<>(List.of("-Xms2g", "-Xmx2g", rulesArgument()));
        if (quick) {
            jvm.add("-Dpolicy.rules.cache=" + rulesCache());
        }
        return jvm;
    }

    private static String rulesCache() {
        return OUT.getParent().resolve("rules-cache").toAbsolutePath().toString();
    }

    private static String rulesArgument() {
        return "-Dbench.rules=" + System.getProperty("bench.rules", "rules");
    }

    private ChainedOptionsBuilder options() {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .jvmArgsAppend("-Dbench.rules=" + System.getProperty("bench.rules", "rules"))
                .shouldFailOnError(true);
        if (quick) {
            o.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                    .measurementTime(TimeValue.seconds(1));
        }
        return o;
    }

    private Collection<RunResult> jmh(String part, ChainedOptionsBuilder options) throws RunnerException {
        Path log = OUT.resolve("jmh-" + part + ".log");
        Path json = OUT.resolve("jmh-" + part + ".json");
        String before = loadAverage();
        System.out.println("   JMH " + part + " (log: " + log + ")");
        Collection<RunResult> results = new Runner(options.output(log.toString()).result(json.toString())
                .resultFormat(ResultFormatType.JSON).build()).run();
        String after = loadAverage();
        System.out.println("   load average before " + before + ", after " + after);
        report.load(part, before, after);
        return results;
    }

    /**
     * The measured iterations of every benchmark of a part, fork by fork, as a note: a figure taken while the JIT
     * was still warming up shows as a rising (or, for times, falling) curve, and is flagged so.
     */
    private void warmUp(String part, Collection<RunResult> runs, boolean higherIsBetter) {
        for (RunResult r : runs) {
            List<String> forks = new ArrayList<>();
            boolean steady = true;
            for (org.openjdk.jmh.results.BenchmarkResult fork : r.getBenchmarkResults()) {
                List<Double> scores = new ArrayList<>();
                for (org.openjdk.jmh.results.IterationResult i : fork.getIterationResults()) {
                    scores.add(i.getPrimaryResult().getScore());
                }
                int half = scores.size() / 2;
                if (half > 0) {
                    double first = scores.subList(0, half).stream().mapToDouble(Double::doubleValue).average().orElse(0);
                    double second = scores.subList(scores.size() - half, scores.size()).stream()
                            .mapToDouble(Double::doubleValue).average().orElse(0);
                    double gain = higherIsBetter ? second / first - 1 : first / second - 1;
                    steady &= gain <= 0.05;
                }
                forks.add(String.join(" ", scores.stream().map(Report::fmt).toList()));
            }
            String benchmark = r.getParams().getBenchmark().replaceAll(".*\\.", "")
                    + (r.getParams().getParam("population") == null ? "" : " " + r.getParams().getParam("population"));
            report.note(String.format(Locale.ROOT, "%s %s, measured iterations per fork (%s): %s — %s", part, benchmark,
                    r.getPrimaryResult().getScoreUnit(), String.join(" | ", forks),
                    steady ? "steady (the second half within 5% of the first)" : "STILL WARMING UP: not a steady figure"));
        }
    }

    private static Result primary(Collection<RunResult> runs, String method) {
        return primary(runs, method, null);
    }

    /** The result of {@code method} for the given population parameter (null: any). */
    private static Result primary(Collection<RunResult> runs, String method, String population) {
        for (RunResult r : runs) {
            if (r.getParams().getBenchmark().endsWith("." + method)
                    && (population == null || population.equals(r.getParams().getParam("population")))) {
                return r.getPrimaryResult();
            }
        }
        throw new IllegalStateException("no result for " + method + (population == null ? "" : " " + population));
    }

    private static double p99(Result r) {
        return r.getStatistics().getPercentile(99.0);
    }

    /** The 1-minute load average: on a shared machine, what else was running shows here. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The figures, each with its baseline, ratio and target. */
    static final class Report {
        private final List<String[]> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<String> loads = new ArrayList<>();

        void load(String part, String before, String after) {
            loads.add(part + " " + before + "→" + after);
        }

        void note(String note) {
            notes.add(note);
        }

        /** A time (lower is better); the ratio is engine ÷ baseline. */
        void time(String figure, double engine, String unit, Double baseline, String baselineIs, Double targetBelow) {
            String ratio = baseline == null ? "-" : String.format(Locale.ROOT, "%,.1f×", engine / baseline);
            String target = targetBelow == null ? "" : "< " + fmt(targetBelow) + " " + unit;
            String holds = targetBelow == null ? "" : engine < targetBelow ? "yes" : "NO";
            rows.add(new String[] {figure, fmt(engine) + " " + unit,
                    baseline == null ? "(none: plain Java needs no rule base)"
                            : fmt(baseline) + " " + unit + (baselineIs == null ? "" : " (" + baselineIs + ")"),
                    ratio, target, holds});
        }

        /** A time whose target is a ratio to the baseline: engine ÷ baseline at most {@code ratioBelow}. */
        void ratio(String figure, double engine, String unit, double baseline, double ratioBelow) {
            double ratio = engine / baseline;
            rows.add(new String[] {figure, fmt(engine) + " " + unit, fmt(baseline) + " " + unit,
                    String.format(Locale.ROOT, "%,.2f×", ratio),
                    String.format(Locale.ROOT, "≤ %.1f× baseline", ratioBelow), ratio <= ratioBelow ? "yes" : "NO"});
        }

        /** A rate (higher is better); the ratio is baseline ÷ engine: how many times slower the engine is. */
        void rate(String figure, double engine, double baseline, Double targetAbove, Double ratioBelow) {
            double ratio = baseline / engine;
            List<String> targets = new ArrayList<>();
            boolean holds = true;
            if (targetAbove != null) {
                targets.add("≥ " + fmt(targetAbove) + "/s");
                holds &= engine >= targetAbove;
            }
            if (ratioBelow != null) {
                targets.add("≤ " + fmt(ratioBelow) + "× baseline");
                holds &= ratio <= ratioBelow;
            }
            rows.add(new String[] {figure, fmt(engine) + " /s", fmt(baseline) + " /s",
                    String.format(Locale.ROOT, "%,.1f× slower", ratio), String.join(", ", targets),
                    targets.isEmpty() ? "" : holds ? "yes" : "NO"});
        }

        /** A figure with its own wording. */
        void row(String figure, String engine, String baseline, String ratio, String target, String holds) {
            rows.add(new String[] {figure, engine, baseline, ratio, target, holds});
        }

        String render(double seconds) {
            String[] head = {"figure", "engine", "plain-Java baseline", "ratio", "target", "holds"};
            int[] width = new int[head.length];
            for (int i = 0; i < head.length; i++) {
                width[i] = head[i].length();
                for (String[] r : rows) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "Results (suite took %.0f s; full JMH output in %s)%n", seconds, OUT));
            appendRow(out, head, width);
            StringBuilder rule = new StringBuilder();
            for (int w : width) {
                rule.append("-".repeat(w)).append("-+-");
            }
            out.append(rule, 0, rule.length() - 3).append('\n');
            for (String[] r : rows) {
                appendRow(out, r, width);
            }
            for (String n : notes) {
                out.append("* ").append(n).append('\n');
            }
            if (!loads.isEmpty()) {
                out.append("* 1-minute load average on ").append(Runtime.getRuntime().availableProcessors())
                        .append(" cores, before→after each JMH part (above the core count, other processes shared the")
                        .append(" CPU and the figures are pessimistic): ").append(String.join(", ", loads)).append('\n');
            }
            return out.toString();
        }

        private static void appendRow(StringBuilder out, String[] cells, int[] width) {
            for (int i = 0; i < cells.length; i++) {
                out.append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
                out.append(i == cells.length - 1 ? "\n" : " | ");
            }
        }

        static String fmt(double v) {
            if (v >= 100) {
                return String.format(Locale.ROOT, "%,.0f", v);
            }
            if (v >= 1) {
                return String.format(Locale.ROOT, "%.2f", v);
            }
            return String.format(Locale.ROOT, "%.3f", v);
        }
    }
}
