package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ExecutableModel;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;
import org.kie.api.KieBase;
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
 * The classic DRL compiler against Drools' executable model, on the same rule files: one evaluation in a pooled
 * stateful session with each, and a warm build with each.
 */
@Fork(2)
public class CompilerBenchmark {

    /** The same applicant decided by both builds of the rules. */
    @State(Scope.Benchmark)
    public static class Evaluation {
        @Param({"typical", "large"})
        public String applicant;

        SessionModes classic;
        SessionModes executable;
        Application application;

        @Setup
        public void setUp() {
            RuleSource source = RuleSource.directory(Path.of(System.getProperty("bench.rules", "rules")));
            PolicyEngine engine = PolicyEngine.of(source);
            classic = new SessionModes(engine);
            KieBase exec = ExecutableModel.build(source);
            executable = new SessionModes(exec, engine.rules().catalogue(), engine.rules().version());
            application = applicant.equals("large") ? Applicants.large() : Applicants.typical();
            if (!classic.pooledStateful(application).equals(executable.pooledStateful(application))) {
                throw new IllegalStateException("the executable model decides " + applicant + " differently");
            }
        }

        @TearDown
        public void tearDown() {
            classic.shutdown();
            executable.shutdown();
        }
    }

    /** The rule files, read once. */
    @State(Scope.Benchmark)
    public static class Sources {
        RuleSource source;

        @Setup
        public void setUp() {
            source = RuleSource.directory(Path.of(System.getProperty("bench.rules", "rules")));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Decision evaluateClassic(Evaluation e) {
        return e.classic.pooledStateful(e.application);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    public Decision evaluateExecutableModel(Evaluation e) {
        return e.executable.pooledStateful(e.application);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 4)
    @Measurement(iterations = 5)
    public Object buildClassic(Sources s) {
        return PolicyEngine.of(s.source);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 4)
    @Measurement(iterations = 5)
    public Object buildExecutableModel(Sources s) {
        return ExecutableModel.build(s.source);
    }
}
