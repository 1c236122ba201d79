package cn.minhang.policy.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of the library side by side in one JVM, each in a class loader of its own, timed on the same batch
 * lines in alternating rounds: the thread CPU time of {@code BatchLines.evaluate} per line (reading and binding the
 * line, evaluating it, writing its decision line), which is what a batch's workers do. The way to decide whether a
 * change to the evaluation or the line's JSON pays while the machine is shared: contention falls on both builds
 * alike, and the JIT compiles each build's classes on their own.
 *
 * <p>{@code java -cp $CP cn.minhang.policy.bench.CompareBuilds CHECKOUT_A CHECKOUT_B LINES.jsonl [count] [rounds]
 * [explanations]}: each checkout built ({@code target/classes} and {@code target/runtime-classpath.txt}, as
 * {@code mvn package} leaves them) and read with its own {@code rules/}. Defaults: 4,000 lines, 20 rounds after
 * as many of warm-up, with explanations.
 */
public final class CompareBuilds {
    private static final Instant AT = Instant.parse("2026-07-01T09:00:00Z");
    private static volatile Object sink;

    private CompareBuilds() {
    }

    /** One checkout's engine, its lines and its {@code BatchLines.evaluate}, all from its own class loader. */
    private static final class Build {
        final String name;
        final ClassLoader loader;
        final Object engine;
        final Method evaluate;
        final List<Object> lines = new ArrayList<>();
        final double[] perLine;

        Build(Path checkout, Path lines, int count, int rounds) throws ReflectiveOperationException, IOException {
            name = checkout.toString();
            List<URL> urls = new ArrayList<>(List.of(checkout.resolve("target/classes").toUri().toURL()));
            for (String jar : Files.readString(checkout.resolve("target/runtime-classpath.txt")).trim().split(":")) {
                urls.add(Path.of(jar).toUri().toURL());
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);  // Drools finds its services through it
            Class<?> engineType = loader.loadClass("cn.minhang.policy.engine.PolicyEngine");
            engine = engineType.getMethod("fromDirectory", Path.class).invoke(null, checkout.resolve("rules"));
            Class<?> input = loader.loadClass("cn.minhang.policy.batch.LineInput");
            Class<?> line = loader.loadClass("cn.minhang.policy.batch.LineInput$Line");
            try (InputStream in = new FileInputStream(lines.toFile())) {
                Object reader = input.getMethod("of", InputStream.class, long.class).invoke(null, in, -1L);
                Method next = input.getMethod("next");
                for (int i = 0; i < count; i++) {
                    Object l = next.invoke(reader);
                    if (l == null) {
                        throw new IllegalArgumentException(lines + " has fewer than " + count + " lines");
                    }
                    this.lines.add(l);
                }
            }
            evaluate = loader.loadClass("cn.minhang.policy.batch.BatchLines").getMethod("evaluate", engineType,
                    long.class, line, Instant.class, boolean.class);
            perLine = new double[rounds];
        }

        /** One round over every line; its thread CPU time per line in microseconds. */
        double round(boolean explanations, ThreadMXBean threads) throws ReflectiveOperationException {
            Thread.currentThread().setContextClassLoader(loader);
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < lines.size(); i++) {
                sink = evaluate.invoke(null, engine, (long) i + 1, lines.get(i), AT, explanations);
            }
            return (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / lines.size();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CompareBuilds CHECKOUT_A CHECKOUT_B LINES.jsonl [count] [rounds] [explanations]");
            System.exit(2);
        }
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 4_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        boolean explanations = args.length <= 5 || Boolean.parseBoolean(args[5]);
        Path lines = Path.of(args[2]);
        Build[] builds = {new Build(Path.of(args[0]), lines, count, rounds), new Build(Path.of(args[1]), lines, count,
                rounds)};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = -rounds; round < rounds; round++) {  // the first half warms up
            // Each build goes first in every other round, so neither always runs right after a collection.
            Build first = builds[Math.floorMod(round, 2)];
            Build second = builds[1 - Math.floorMod(round, 2)];
            for (Build b : new Build[] {first, second}) {
                double us = b.round(explanations, threads);
                if (round >= 0) {
                    b.perLine[round] = us;
                }
            }
        }
        System.out.printf("%,d lines of %s x %d rounds after %d of warm-up, explanations %s; thread CPU per line:%n",
                count, lines, rounds, rounds, explanations);
        for (Build b : builds) {
            double[] s = b.perLine.clone();
            Arrays.sort(s);
            System.out.printf("  %-40s median %7.2f us (quartiles %.2f-%.2f)%n", b.name, s[rounds / 2], s[rounds / 4],
                    s[3 * rounds / 4]);
        }
    }
}
