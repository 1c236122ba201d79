package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput over a generated population of 100,000 applicants: each operation decides the next applicant of
 * the population (each thread walks it from its own starting point), so the figure is applicants per second.
 * Two populations: the library generator's realistic one ({@code generator}) and typical applicants
 * ({@code typical}). The suite runs it with one thread and with one thread per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ThroughputBenchmark {

    /** The population and the engine, shared by every thread. */
    @State(Scope.Benchmark)
    public static class Population {
        @Param({"generator", "typical"})
        public String population;

        PolicyEngine engine;
        List<Application> applicants;
        private final AtomicInteger threads = new AtomicInteger();

        @Setup
        public void setUp() {
            engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
            applicants = Populations.of(population, Integer.getInteger("bench.population", 100_000));
        }
    }

    /** Where one thread is in the population. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;
        private int size;

        @Setup
        public void setUp(Population population) {
            size = population.applicants.size();
            next = population.threads.getAndIncrement() * (size / 7) % size;
        }

        Application next(Population population) {
            Application a = population.applicants.get(next);
            next = next + 1 == size ? 0 : next + 1;
            return a;
        }
    }

    @Benchmark
    public Decision engine(Population population, Cursor cursor) {
        return population.engine.evaluate(cursor.next(population));
    }

    @Benchmark
    public Baseline.Result baseline(Population population, Cursor cursor) {
        return Baseline.decide(cursor.next(population));
    }
}
