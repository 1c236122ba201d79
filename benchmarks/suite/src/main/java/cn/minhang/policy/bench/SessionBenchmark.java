package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.SessionModes;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A stateful session against a stateless one, each new per evaluation or taken from a pool, on the same
 * compiled rules and the same applicant: the comparison behind the session the engine uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SessionBenchmark {
    @Param({"typical", "large"})
    public String applicant;

    private SessionModes modes;
    private Application application;

    @Setup
    public void setUp() {
        modes = new SessionModes(PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules"))));
        application = applicant.equals("large") ? Applicants.large() : Applicants.typical();
    }

    @TearDown
    public void tearDown() {
        modes.shutdown();
    }

    @Benchmark
    public Decision freshStateful() {
        return modes.freshStateful(application);
    }

    @Benchmark
    public Decision pooledStateful() {
        return modes.pooledStateful(application);
    }

    @Benchmark
    public Decision freshStateless() {
        return modes.freshStateless(application);
    }

    @Benchmark
    public Decision pooledStateless() {
        return modes.pooledStateless(application);
    }
}
