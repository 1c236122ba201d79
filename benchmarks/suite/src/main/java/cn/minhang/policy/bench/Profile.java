package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;

/**
 * Evaluates one applicant in a loop for a profiler to watch:
 * {@code java -XX:StartFlightRecording=filename=x.jfr -cp ... cn.minhang.policy.bench.Profile large 20}
 * (applicant typical|large, seconds).
 */
public final class Profile {
    public static void main(String[] args) {
        Application a = args.length > 0 && args[0].equals("large") ? Applicants.large() : Applicants.typical();
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            engine.evaluate(a);
            n++;
        }
        System.out.printf("%d evaluations, %.1f us each%n", n, (System.nanoTime() - start) / 1e3 / n);
    }
}
