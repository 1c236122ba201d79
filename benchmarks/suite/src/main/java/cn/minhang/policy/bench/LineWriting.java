package cn.minhang.policy.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;

/**
 * The steady-state cost of writing one decision line of a batch, as the UTF-8 bytes that go to the file: the
 * decisions of the generated population ({@code ./policy generate}) are made once, then their lines are written again and again on one thread,
 * and the thread's CPU time per line is reported after a warm-up. With a library that has no
 * {@code DecisionJson.compactLineBytes}, the line is its {@code compactLine} text encoded to UTF-8, as such a
 * batch wrote it; so the same class measures a build before and after.
 *
 * <p>{@code java -cp ... cn.minhang.policy.bench.LineWriting [decisions] [rounds] [explanations]}
 */
public final class LineWriting {
    private static final Instant AT = Instant.parse("2026-07-01T09:00:00Z");

    public static void main(String[] args) throws Throwable {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        boolean explanations = args.length <= 2 || Boolean.parseBoolean(args[2]);
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        List<Application> applications = Populations.generator(count);
        List<Decision> decisions = new ArrayList<>(count);
        for (Application a : applications) {
            decisions.add(engine.evaluate(a));
        }
        MethodHandle line = writer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        double[] perLine = new double[rounds];
        for (int round = -rounds; round < rounds; round++) {  // the first half warms up
            long cpu = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < count; i++) {
                bytes += ((byte[]) line.invokeExact((Long) (long) (i + 1), applications.get(i), decisions.get(i),
                        AT, explanations)).length;
            }
            if (round >= 0) {
                perLine[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
            }
        }
        Arrays.sort(perLine);
        System.out.printf("%s: %d decisions x %d rounds after %d of warm-up, explanations %s: "
                        + "median %.2f us of CPU a line (min %.2f, max %.2f); %d bytes written%n",
                WHICH[0], count, rounds, rounds, explanations, perLine[rounds / 2], perLine[0],
                perLine[rounds - 1], bytes);
    }

    /** Which call writes the line. */
    private static final String[] WHICH = {""};

    /** {@code (Long, Application, Decision, Instant, boolean) -> byte[]}: the line as the batch writes it. */
    private static MethodHandle writer() throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodType type = MethodType.methodType(byte[].class, Long.class, Application.class, Decision.class,
                Instant.class, boolean.class);
        try {
            MethodHandle bytes = lookup.findStatic(DecisionJson.class, "compactLineBytes", type);
            WHICH[0] = "compactLineBytes";
            return bytes;
        } catch (NoSuchMethodException e) {
            WHICH[0] = "compactLine, then encoded to UTF-8";
            MethodHandle text = lookup.findStatic(DecisionJson.class, "compactLine", type.changeReturnType(String.class));
            MethodHandle encode = MethodHandles.insertArguments(lookup.findVirtual(String.class, "getBytes",
                    MethodType.methodType(byte[].class, java.nio.charset.Charset.class)), 1, StandardCharsets.UTF_8);
            return MethodHandles.filterReturnValue(text, encode);
        }
    }
}
