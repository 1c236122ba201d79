package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;

/**
 * Evaluates one applicant in a loop for a profiler to watch:
 * {@code java -XX:StartFlightRecording=filename=x.jfr -cp ... cn.minhang.policy.bench.Profile large 20 2}
 * (applicant typical|large|population|generator|scaling, seconds, threads; population: 100,000 typical
 * applicants, generator: the first 20,000 of the generated population the batch figures read).
 */
public final class Profile {
    public static void main(String[] args) throws InterruptedException {
        String which = args.length > 0 ? args[0] : "typical";
        List<Application> applicants = switch (which) {
            case "large" -> List.of(Applicants.large());
            case "population" -> Populations.generate(100_000);
            case "generator" -> Populations.generator(20_000);
            case "scaling" -> List.of(Scaling.withFacts(80));
            default -> List.of(Applicants.typical());
        };
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread thread = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    engine.evaluate(applicants.get((int) ((n + offset) % applicants.size())));
                    n++;
                }
                count.addAndGet(n);
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        double secondsTaken = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d evaluations on %d threads, %.0f per second%n", count.get(), threads,
                count.get() / secondsTaken);
    }
}
