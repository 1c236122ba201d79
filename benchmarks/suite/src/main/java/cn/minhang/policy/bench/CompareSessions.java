package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;

/** Interleaved comparison of the session modes (see {@link SessionBenchmark} for the JMH figures). */
public final class CompareSessions {
    public static void main(String[] args) {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        SessionModes modes = new SessionModes(engine);
        Application t = Applicants.typical();
        Application l = Applicants.large();
        // Every mode first decides the spec applications as the engine does.
        java.util.Map<String, java.util.function.Function<Application, ?>> modesByName = java.util.Map.of(
                "freshStateful", modes::freshStateful, "pooledStateful", modes::pooledStateful,
                "freshStateless", modes::freshStateless, "pooledStateless", modes::pooledStateless);
        for (Application a : Agreement.specApplications(Path.of("specs"))) {
            Object expected = engine.evaluate(a);
            modesByName.forEach((name, mode) -> {
                if (!mode.apply(a).equals(expected)) {
                    throw new IllegalStateException(name + " decides " + a.id() + " differently");
                }
            });
        }
        System.out.println("every session mode decides the spec applications as the engine does");
        new Interleaved()
                .add("engine.evaluate typical", () -> engine.evaluate(t))
                .add("freshStateful typical", () -> modes.freshStateful(t))
                .add("pooledStateful typical", () -> modes.pooledStateful(t))
                .add("freshStateless typical", () -> modes.freshStateless(t))
                .add("pooledStateless typical", () -> modes.pooledStateless(t))
                .add("freshStateful large", () -> modes.freshStateful(l))
                .add("pooledStateful large", () -> modes.pooledStateful(l))
                .add("freshStateless large", () -> modes.freshStateless(l))
                .add("pooledStateless large", () -> modes.pooledStateless(l))
                .add("baseline typical", () -> Baseline.decide(t))
                .add("baseline large", () -> Baseline.decide(l))
                .run(3, 9, 300);
    }
}
