package cn.minhang.policy.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A/B comparison for tuning on a shared machine: runs each variant in turn for short rounds, many times, and
 * reports the median per-operation thread CPU time, wall time and allocation of the rounds. Contention from other
 * processes then falls on every variant alike, and CPU time is barely touched by it. Not a substitute for the
 * JMH figures the suite reports; a way to decide between two versions of the engine while others build.
 */
public final class Interleaved {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Map<String, Supplier<?>> variants = new LinkedHashMap<>();
    private volatile Object sink;

    public Interleaved add(String name, Supplier<?> variant) {
        variants.put(name, variant);
        return this;
    }

    /** Warms every variant for {@code warmupRounds}, then measures {@code rounds} rounds of {@code millis} each. */
    public void run(int warmupRounds, int rounds, long millis) {
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        variants.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
        for (int r = 0; r < warmupRounds + rounds; r++) {
            for (Map.Entry<String, Supplier<?>> v : variants.entrySet()) {
                double[] s = round(v.getValue(), millis);
                if (r >= warmupRounds) {
                    samples.get(v.getKey()).add(s);
                }
            }
        }
        System.out.printf("%-40s %14s %14s %14s%n", "variant", "cpu us/op", "wall us/op", "bytes/op");
        for (Map.Entry<String, List<double[]>> e : samples.entrySet()) {
            double[] cpu = e.getValue().stream().mapToDouble(s -> s[0]).sorted().toArray();
            double[] wall = e.getValue().stream().mapToDouble(s -> s[1]).sorted().toArray();
            double[] bytes = e.getValue().stream().mapToDouble(s -> s[2]).sorted().toArray();
            System.out.printf("%-40s %14.2f %14.2f %14.0f%n", e.getKey(), cpu[cpu.length / 2], wall[wall.length / 2],
                    bytes[bytes.length / 2]);
        }
    }

    private double[] round(Supplier<?> variant, long millis) {
        long wallStart = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long bytesStart = THREADS.getCurrentThreadAllocatedBytes();
        long end = wallStart + millis * 1_000_000;
        long ops = 0;
        Object last = null;
        do {
            for (int i = 0; i < 16; i++) {
                last = variant.get();
            }
            ops += 16;
        } while (System.nanoTime() < end);
        sink = last;
        return new double[] {(THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e3 / ops,
                (System.nanoTime() - wallStart) / 1e3 / ops,
                (THREADS.getCurrentThreadAllocatedBytes() - bytesStart) / (double) ops};
    }

    static int[] ints(String... s) {
        return Arrays.stream(s).mapToInt(Integer::parseInt).toArray();
    }
}
