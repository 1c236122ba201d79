package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.CompilerProbe;
import cn.minhang.policy.engine.ExecutableModel;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;
import org.kie.api.KieBase;

/**
 * The classic DRL compiler against the executable model on the same rule files: build time, and one evaluation
 * in a pooled stateful session (interleaved rounds, see {@link Interleaved}); the JMH figures are in
 * {@link CompilerBenchmark}. Both builds are checked to decide the spec applications alike first.
 */
public final class CompareCompilers {
    public static void main(String[] args) {
        RuleSource source = RuleSource.directory(Path.of(System.getProperty("bench.rules", "rules")));
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            PolicyEngine.of(source);
            long t1 = System.nanoTime();
            ExecutableModel.build(source);
            long t2 = System.nanoTime();
            System.out.printf("build %d: classic %.0f ms, executable model %.0f ms%n", i + 1, (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6);
        }
        PolicyEngine classic = PolicyEngine.of(source);
        KieBase exec = ExecutableModel.build(source);
        System.out.println("classic consequence: " + CompilerProbe.consequenceClass(classic));
        System.out.println("executable model consequence: " + CompilerProbe.consequenceClass(exec));
        SessionModes classicModes = new SessionModes(classic);
        SessionModes execModes = new SessionModes(exec, classic.rules().catalogue(), classic.rules().version());
        int checked = 0;
        for (Application a : Agreement.specApplications(Path.of("specs"))) {
            if (!classicModes.pooledStateful(a).equals(execModes.pooledStateful(a))) {
                throw new IllegalStateException("the executable model decides " + a.id() + " differently");
            }
            checked++;
        }
        System.out.println("both decide the " + checked + " spec applications alike");
        Application t = Applicants.typical();
        Application l = Applicants.large();
        new Interleaved()
                .add("classic typical", () -> classicModes.pooledStateful(t))
                .add("executable model typical", () -> execModes.pooledStateful(t))
                .add("classic large", () -> classicModes.pooledStateful(l))
                .add("executable model large", () -> execModes.pooledStateful(l))
                .run(3, 9, 300);
    }
}
