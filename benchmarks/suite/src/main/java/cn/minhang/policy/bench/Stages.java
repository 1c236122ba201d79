package cn.minhang.policy.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import cn.minhang.policy.batch.BatchLines;
import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;

/**
 * The budget of a batch's line, stage by stage, beside the baseline's whole line: the thread CPU time per line of
 * each cumulative stage of {@code ./policy batch}'s worker (read and bind; then evaluate; then the decision line
 * without, and with, its explanations) and of {@link BaselineBatch}'s line (the same read and bind, the plain-Java
 * decision and its small line), on the same lines, in interleaved rounds on one thread. A goal "within k times the
 * baseline" is out of reach of any output while {@code read + evaluate} alone is above k times the baseline's line.
 *
 * <p>{@code java -cp $CP cn.minhang.policy.bench.Stages LINES.jsonl [count] [rounds]}: defaults 4,000 lines, 20
 * rounds after as many of warm-up.
 */
public final class Stages {
    private static final Instant AT = Instant.parse("2026-07-01T09:00:00Z");
    private static volatile Object sink;

    private Stages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Stages LINES.jsonl [count] [rounds]");
            System.exit(2);
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<LineInput.Line> lines = new ArrayList<>(count);
        try (InputStream in = new FileInputStream(args[0]); LineInput input = LineInput.of(in, -1)) {
            for (LineInput.Line l; lines.size() < count && (l = input.next()) != null; ) {
                lines.add(l);
            }
        }
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        Map<String, IntFunction<Object>> stages = new LinkedHashMap<>();
        stages.put("baseline: whole line", i -> BaselineBatch.decide(i + 1, lines.get(i)));
        stages.put("engine: read and bind", i -> ApplicationReader.fromJson(lines.get(i).bytes()));
        stages.put("engine: + evaluate", i -> {
            Application a = ApplicationReader.fromJson(lines.get(i).bytes());
            return engine.evaluate(a);
        });
        stages.put("engine: + line, no explanations", i -> BatchLines.evaluate(engine, i + 1, lines.get(i), AT, false));
        stages.put("engine: + line, complete", i -> BatchLines.evaluate(engine, i + 1, lines.get(i), AT, true));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, double[]> perLine = new LinkedHashMap<>();
        stages.keySet().forEach(k -> perLine.put(k, new double[rounds]));
        List<String> names = new ArrayList<>(stages.keySet());
        for (int round = -rounds; round < rounds; round++) {  // the first half warms up
            // The order turns every round, so that no stage always runs right after the same other one.
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(Math.floorMod(k + round, names.size()));
                IntFunction<Object> stage = stages.get(name);
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < lines.size(); i++) {
                    sink = stage.apply(i);
                }
                if (round >= 0) {
                    perLine.get(name)[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / lines.size();
                }
            }
        }
        System.out.printf("%,d lines of %s x %d rounds after %d of warm-up; thread CPU per line (median, quartiles):%n",
                lines.size(), args[0], rounds, rounds);
        double base = median(perLine.get(names.get(0)));
        for (Map.Entry<String, double[]> e : perLine.entrySet()) {
            double[] s = e.getValue().clone();
            Arrays.sort(s);
            System.out.printf("  %-34s %8.2f us (%.2f-%.2f)  %5.2fx the baseline's line%n", e.getKey(),
                    s[rounds / 2], s[rounds / 4], s[3 * rounds / 4], s[rounds / 2] / base);
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
