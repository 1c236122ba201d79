package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building the rule base from {@code rules/}: reading the files, compiling them and checking every rule's
 * clause, as {@link PolicyEngine#fromDirectory} does. Each build is timed on its own (single shot).
 *
 * <p>Cold: the first build in a fresh JVM, once per fork, many forks ({@link #coldBuild}). Warm: builds after
 * the JVM has compiled the rule compiler itself ({@link #warmBuild}). The baseline's counterpart is the first
 * plain-Java decision in a fresh JVM ({@link #coldBaseline}): plain Java has no rule base to build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BuildBenchmark {
    private Path rules;
    private Application typical;

    @Setup
    public void setUp() {
        rules = Path.of(System.getProperty("bench.rules", "rules"));
        typical = Applicants.typical();
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public PolicyEngine coldBuild() {
        return PolicyEngine.fromDirectory(rules);
    }

    @Benchmark
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public Baseline.Result coldBaseline() {
        return Baseline.decide(typical);
    }

    @Benchmark
    @Warmup(iterations = 8)
    @Measurement(iterations = 10)
    @Fork(2)
    public PolicyEngine warmBuild() {
        return PolicyEngine.fromDirectory(rules);
    }
}
