package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import cn.minhang.policy.engine.Decision;
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
 * One evaluation, one applicant at a time: every call is timed (sample mode), so the mean and the tail
 * (p99) come from the same run. The engine's evaluation is the whole {@link PolicyEngine#evaluate} call and
 * returns a complete {@link Decision}; the baseline's is {@link Baseline#decide}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class LatencyBenchmark {
    private PolicyEngine engine;
    private Application typical;
    private Application large;

    @Setup
    public void setUp() {
        engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        typical = Applicants.typical();
        large = Applicants.large();
    }

    @Benchmark
    public Decision engineTypical() {
        return engine.evaluate(typical);
    }

    @Benchmark
    public Decision engineLarge() {
        return engine.evaluate(large);
    }

    @Benchmark
    public Baseline.Result baselineTypical() {
        return Baseline.decide(typical);
    }

    @Benchmark
    public Baseline.Result baselineLarge() {
        return Baseline.decide(large);
    }
}
