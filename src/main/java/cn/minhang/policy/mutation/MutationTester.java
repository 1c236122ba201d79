package cn.minhang.policy.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleCompilationException;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.mutation.MutantResult.Outcome;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecResult;
import cn.minhang.policy.spec.SpecRunner;

/**
 * Mutation testing of the rules: every mutant of every rule file ({@link Mutator}) is compiled once and faced
 * with every spec case, on a fixed pool of threads in one JVM. A mutant is killed by the first case that fails;
 * the cases of the mutated file's own spec run first, as they are the likeliest to catch it.
 *
 * <pre>{@code
 * MutationRun run = MutationTester.run(MutationTester.Options.defaults());
 * run.byFile();   // the score per rule file
 * }</pre>
 */
public final class MutationTester {

    /**
     * What to run.
     *
     * @param rules       the rules directory
     * @param specs       the specs directory
     * @param equivalents the list of equivalent mutants (may not exist)
     * @param threads     the size of the thread pool
     * @param maxMutants  the ceiling: beyond it, an evenly spread subset is run and the rest reported as skipped
     * @param onlyFiles   mutate only these rule files (every spec still runs); empty for all
     * @param progress    receives a line of progress now and then
     */
    public record Options(Path rules, Path specs, Path equivalents, int threads, int maxMutants, Set<String> onlyFiles,
                          Consumer<String> progress) {
        public Options {
            Objects.requireNonNull(rules, "rules");
            Objects.requireNonNull(specs, "specs");
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            if (maxMutants < 1) {
                throw new IllegalArgumentException("the ceiling on mutants must be at least 1");
            }
            onlyFiles = Set.copyOf(onlyFiles);
            progress = progress == null ? line -> { } : progress;
        }

        /** {@code rules/}, {@code specs/}, {@code mutation/equivalent-mutants.yaml}, one thread per core. */
        public static Options defaults() {
            return new Options(Path.of("rules"), Path.of("specs"), Path.of("mutation", "equivalent-mutants.yaml"),
                    Runtime.getRuntime().availableProcessors(), DEFAULT_CEILING, Set.of(), null);
        }

        public Options withThreads(int n) {
            return new Options(rules, specs, equivalents, n, maxMutants, onlyFiles, progress);
        }

        public Options withProgress(Consumer<String> p) {
            return new Options(rules, specs, equivalents, threads, maxMutants, onlyFiles, p);
        }
    }

    /** Far above what the rules make (a few hundred); it only guards against a runaway generator. */
    public static final int DEFAULT_CEILING = 5_000;

    private MutationTester() {
    }

    /**
     * Runs every mutant.
     *
     * @throws IllegalStateException if the unchanged rules fail a spec: mutants mean nothing until they pass
     */
    public static MutationRun run(Options options) {
        long started = System.nanoTime();
        RuleSource source = RuleSource.directory(options.rules());
        List<SpecCase> cases = SpecRunner.load(options.specs());
        if (cases.isEmpty()) {
            throw new IllegalStateException("no spec cases in " + options.specs());
        }
        requireBaselinePasses(source, cases);
        EquivalentMutants equivalents = EquivalentMutants.read(options.equivalents());

        List<String> files = new ArrayList<>();
        List<Mutant> all = new ArrayList<>();
        for (Map.Entry<String, String> file : source.drlFiles().entrySet()) {
            if (!options.onlyFiles().isEmpty() && !options.onlyFiles().contains(file.getKey())) {
                continue;
            }
            files.add(file.getKey());
            all.addAll(Mutator.mutants(file.getKey(), file.getValue()));
        }
        Set<String> unknown = new HashSet<>(options.onlyFiles());
        unknown.removeAll(files);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no such rule file(s) in " + options.rules() + ": " + unknown);
        }
        List<Mutant> chosen = ceiling(all, options.maxMutants());
        Map<String, Integer> skipped = new TreeMap<>();
        Set<Mutant> chosenSet = new HashSet<>(chosen);
        for (Mutant m : all) {
            if (!chosenSet.contains(m)) {
                skipped.merge(m.file(), 1, Integer::sum);
            }
        }
        options.progress().accept(String.format("%d mutants of %d rule files%s, %d spec cases each, on %d threads",
                chosen.size(), files.size(), skipped.isEmpty() ? "" : " (" + (all.size() - chosen.size())
                        + " skipped by the ceiling of " + options.maxMutants() + ")", cases.size(), options.threads()));

        List<MutantResult> results = runAll(source, cases, chosen, equivalents, options);
        List<MutationRun.Stale> stale = stale(equivalents, results, all, options.onlyFiles());
        return new MutationRun(source.version(), specsVersion(options.specs()), cases.size(), files, results, skipped,
                stale, options.threads(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static void requireBaselinePasses(RuleSource source, List<SpecCase> cases) {
        SpecRunner runner = new SpecRunner(PolicyEngine.of(source));
        List<String> failing = new ArrayList<>();
        for (SpecCase c : cases) {
            SpecResult r = runner.run(c);
            if (!r.passed()) {
                failing.add(c.file() + " — " + c.name() + ": " + String.join("; ", r.failures()));
            }
        }
        if (!failing.isEmpty()) {
            throw new IllegalStateException("the unchanged rules fail " + failing.size()
                    + " spec case(s); make the specs pass before testing mutants:\n  " + String.join("\n  ", failing));
        }
    }

    /** At most {@code max} mutants, spread evenly over the list (so over every file), in their order. */
    static List<Mutant> ceiling(List<Mutant> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) ((long) i * all.size() / max)));
        }
        return out;
    }

    private static List<MutantResult> runAll(RuleSource source, List<SpecCase> cases, List<Mutant> mutants,
                                             EquivalentMutants equivalents, Options options) {
        Map<String, List<SpecCase>> orderByFile = new LinkedHashMap<>();
        for (String file : source.drlFiles().keySet()) {
            String topic = file.replaceFirst("\\.drl$", "");
            List<SpecCase> ordered = new ArrayList<>(cases);
            ordered.sort(Comparator.comparingInt(c -> c.topic().equals(topic) ? 0 : 1));
            orderByFile.put(file, ordered);
        }
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, mutants.size() / 10);
        ThreadFactory factory = new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "mutant-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), factory);
        try {
            List<Future<MutantResult>> futures = new ArrayList<>();
            for (Mutant m : mutants) {
                futures.add(pool.submit(() -> {
                    MutantResult r = runOne(source, orderByFile.get(m.file()), m, equivalents);
                    int n = done.incrementAndGet();
                    if (n % step == 0 || n == mutants.size()) {
                        options.progress().accept(String.format("  %d/%d mutants", n, mutants.size()));
                    }
                    return r;
                }));
            }
            List<MutantResult> results = new ArrayList<>();
            for (Future<MutantResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a mutant could not be run: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Compiles one mutant and runs the cases until one fails. */
    static MutantResult runOne(RuleSource source, List<SpecCase> cases, Mutant mutant, EquivalentMutants equivalents) {
        PolicyEngine engine;
        try {
            engine = PolicyEngine.of(source.with(mutant.file(), mutant.text()));
        } catch (RuleCompilationException e) {
            String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0).toString();
            return new MutantResult(mutant, Outcome.NOT_COMPILED, oneLine(first), "");
        } catch (RuntimeException e) {
            return new MutantResult(mutant, Outcome.NOT_COMPILED, oneLine(String.valueOf(e)), "");
        }
        SpecRunner runner = new SpecRunner(engine);
        for (SpecCase c : cases) {
            SpecResult r;
            try {
                r = runner.run(c);
            } catch (RuntimeException | StackOverflowError e) {
                return new MutantResult(mutant, Outcome.KILLED, c.file() + " — " + c.name() + ": the case failed with "
                        + oneLine(String.valueOf(e)), "");
            }
            if (!r.passed()) {
                return new MutantResult(mutant, Outcome.KILLED, c.file() + " — " + c.name() + ": "
                        + oneLine(r.failures().get(0)), "");
            }
        }
        EquivalentMutants.Entry listed = equivalents.find(mutant);
        if (listed != null) {
            return new MutantResult(mutant, Outcome.EQUIVALENT, "", listed.reason());
        }
        return new MutantResult(mutant, Outcome.SURVIVED, "", "");
    }

    private static List<MutationRun.Stale> stale(EquivalentMutants equivalents, List<MutantResult> results,
                                                 List<Mutant> all, Set<String> onlyFiles) {
        Map<String, MutantResult> byKey = new LinkedHashMap<>();
        results.forEach(r -> byKey.put(r.mutant().key(), r));
        Set<String> made = new HashSet<>();
        all.forEach(m -> made.add(m.key()));
        List<MutationRun.Stale> out = new ArrayList<>();
        for (EquivalentMutants.Entry e : equivalents.entries()) {
            if (!onlyFiles.isEmpty() && !onlyFiles.contains(e.file())) {
                continue;
            }
            MutantResult r = byKey.get(e.key());
            if (!made.contains(e.key())) {
                out.add(new MutationRun.Stale(e, "no such mutant: the rule or the change is no longer there"));
            } else if (r != null && r.outcome() == Outcome.KILLED) {
                out.add(new MutationRun.Stale(e, "a spec kills it now (" + r.detail() + "): remove the entry"));
            } else if (r != null && r.outcome() == Outcome.NOT_COMPILED) {
                out.add(new MutationRun.Stale(e, "it does not compile: remove the entry"));
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "…" : line;
    }

    /** "sha256:" and 16 hex digits of the hash of every spec file's name and text, in name order. */
    public static String specsVersion(Path specs) {
        try (Stream<Path> files = Files.list(specs)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                digest.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readString(p, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the specs in " + specs, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
