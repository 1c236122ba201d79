package cn.minhang.policy.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;

/**
 * The steady-state cost of reading one line of a batch, as {@code ./policy batch} reads it: the lines of the
 * generated population ({@code ./policy generate}), held in memory, are read with {@link LineInput} and bound with
 * {@link ApplicationReader} again and again on one thread, and the thread's CPU time per line is reported after a
 * warm-up. With a library whose lines are text ({@code LineInput.Line.text()}, no {@code bytes()}), the line is
 * bound from its text, as such a batch did; so the same class measures a build before and after.
 *
 * <p>{@code java -cp ... cn.minhang.policy.bench.LineReading [lines] [rounds]}
 */
public final class LineReading {
    public static void main(String[] args) throws Throwable {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Application> applications = Populations.generator(count);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (Application a : applications) {
            file.write(ApplicationJson.toJsonLine(a).getBytes(StandardCharsets.UTF_8));
            file.write('\n');
        }
        byte[] input = file.toByteArray();
        String[] which = new String[1];
        MethodHandle bind = binder(which);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] perLine = new double[rounds];
        long facts = 0;
        for (int round = -rounds; round < rounds; round++) {  // the first half warms up
            long cpu = threads.getCurrentThreadCpuTime();
            try (LineInput in = LineInput.of(new ByteArrayInputStream(input), input.length)) {
                LineInput.Line line;
                while ((line = in.next()) != null) {
                    facts += ((Application) bind.invokeExact(line)).products().size();
                }
            }
            if (round >= 0) {
                perLine[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / count;
            }
        }
        Arrays.sort(perLine);
        System.out.printf("%s: %d lines (%d bytes) x %d rounds after %d of warm-up: median %.2f us of CPU a line "
                        + "(min %.2f, max %.2f); %d products read%n", which[0], count, input.length, rounds, rounds,
                perLine[rounds / 2], perLine[0], perLine[rounds - 1], facts);
    }

    /** {@code (LineInput.Line) -> Application}: the line bound as the batch binds it. */
    private static MethodHandle binder(String[] which) throws ReflectiveOperationException {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            MethodHandle bytes = lookup.findVirtual(LineInput.Line.class, "bytes", MethodType.methodType(byte[].class));
            MethodHandle read = lookup.findStatic(ApplicationReader.class, "fromJson",
                    MethodType.methodType(Application.class, byte[].class));
            which[0] = "LineInput bytes, ApplicationReader.fromJson(byte[])";
            return MethodHandles.filterReturnValue(bytes, read);
        } catch (NoSuchMethodException e) {
            MethodHandle text = lookup.findVirtual(LineInput.Line.class, "text", MethodType.methodType(String.class));
            MethodHandle read = lookup.findStatic(ApplicationReader.class, "fromJson",
                    MethodType.methodType(Application.class, String.class));
            which[0] = "LineInput text, ApplicationReader.fromJson(String)";
            return MethodHandles.filterReturnValue(text, read);
        }
    }
}
