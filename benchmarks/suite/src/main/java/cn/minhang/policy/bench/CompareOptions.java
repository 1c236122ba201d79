package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;
import org.kie.api.KieBase;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.runtime.conf.DirectFiringOption;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * Drools' session and rule-base options on the pooled stateful session, interleaved: the default, sessions that
 * are not thread-safe (one thread uses a session at a time), direct firing of rules that need no join, and an
 * immutable rule base. Each variant is first checked to decide every spec application as the engine does.
 */
public final class CompareOptions {
    public static void main(String[] args) {
        RuleSource source = RuleSource.directory(Path.of(System.getProperty("bench.rules", "rules")));
        PolicyEngine engine = PolicyEngine.of(source);
        String version = engine.rules().version();
        KieBase plain = SessionModes.classicKieBase(source);
        KieBase immutable = SessionModes.classicKieBase(source, KieBaseMutabilityOption.DISABLED);
        SessionModes defaults = new SessionModes(plain, version);
        SessionModes unsafe = new SessionModes(plain, version, SessionModes.configuration(ThreadSafeOption.NO));
        SessionModes direct = new SessionModes(plain, version, SessionModes.configuration(DirectFiringOption.YES));
        SessionModes both = new SessionModes(plain, version,
                SessionModes.configuration(ThreadSafeOption.NO, DirectFiringOption.YES));
        SessionModes frozen = new SessionModes(immutable, version);
        SessionModes all = new SessionModes(immutable, version,
                SessionModes.configuration(ThreadSafeOption.NO, DirectFiringOption.YES));
        SessionModes[] variants = {defaults, unsafe, direct, both, frozen, all};
        for (Application a : Agreement.specApplications(Path.of("specs"))) {
            for (SessionModes v : variants) {
                if (!v.pooledStateful(a).equals(engine.evaluate(a))) {
                    throw new IllegalStateException("a variant decides " + a.id() + " differently");
                }
            }
        }
        for (Application a : Applicants.population(11, 5_000, Applicants.Profile.MIXED)) {
            for (SessionModes v : variants) {
                if (!v.pooledStateful(a).equals(engine.evaluate(a))) {
                    throw new IllegalStateException("a variant decides " + a.id() + " differently");
                }
            }
        }
        System.out.println("every variant decides the spec applications and 5,000 random ones as the engine does");
        Application t = Applicants.typical();
        Application l = Applicants.large();
        new Interleaved()
                .add("default typical", () -> defaults.pooledStateful(t))
                .add("threadSafe=NO typical", () -> unsafe.pooledStateful(t))
                .add("directFiring typical", () -> direct.pooledStateful(t))
                .add("threadSafe=NO+directFiring typical", () -> both.pooledStateful(t))
                .add("immutable kbase typical", () -> frozen.pooledStateful(t))
                .add("immutable+both typical", () -> all.pooledStateful(t))
                .add("default large", () -> defaults.pooledStateful(l))
                .add("threadSafe=NO+directFiring large", () -> both.pooledStateful(l))
                .add("immutable+both large", () -> all.pooledStateful(l))
                .run(3, 9, 300);
    }
}
