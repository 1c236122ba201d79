package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.ClauseCatalogue;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;
import org.kie.api.KieBase;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.runtime.conf.DirectFiringOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.internal.conf.AlphaThresholdOption;
import org.kie.internal.conf.IndexLeftBetaMemoryOption;
import org.kie.internal.conf.IndexRightBetaMemoryOption;

/**
 * Drools' session and rule-base options on the pooled stateful session, interleaved: the default, sessions that
 * are not thread-safe (one thread uses a session at a time), direct firing of rules that need no join, and an
 * immutable rule base, with the facts read back from the session's store or from a listener. Each variant is first
 * checked to decide every spec application, 5,000 random ones and the first 5,000 generated ones as the engine does, then timed on the typical and
 * the large applicant and on the first 5,000 applicants of the generated population (one evaluation each, in turn).
 * Arguments, if any, name the variants to run; {@code -Dbench.rounds} and {@code -Dbench.millis} set the measured
 * rounds (9) and their length (300 ms).
 */
public final class CompareOptions {
    public static void main(String[] args) {
        RuleSource source = RuleSource.directory(Path.of(System.getProperty("bench.rules", "rules")));
        PolicyEngine engine = PolicyEngine.of(source);
        String version = engine.rules().version();
        ClauseCatalogue catalogue = engine.rules().catalogue();
        KieBase plain = SessionModes.classicKieBase(source);
        KieBase immutable = SessionModes.classicKieBase(source, KieBaseMutabilityOption.DISABLED);
        // The facts read back with getObjects(), as the engine did before its rule base was immutable.
        SessionModes defaults = new SessionModes(plain, catalogue, version, null, false);
        SessionModes unsafe = new SessionModes(plain, catalogue, version,
                SessionModes.configuration(ThreadSafeOption.NO), false);
        SessionModes direct = new SessionModes(plain, catalogue, version,
                SessionModes.configuration(DirectFiringOption.YES), false);
        SessionModes both = new SessionModes(plain, catalogue, version,
                SessionModes.configuration(ThreadSafeOption.NO, DirectFiringOption.YES), false);
        SessionModes frozen = new SessionModes(immutable, catalogue, version, null, false);
        SessionModes all = new SessionModes(immutable, catalogue, version,
                SessionModes.configuration(ThreadSafeOption.NO, DirectFiringOption.YES), false);
        // An immutable rule base keeps no fact that matches no pattern in its object store (getObjects() misses
        // it); read back through a listener, the facts are all there.
        SessionModes listened = new SessionModes(immutable, catalogue, version,
                SessionModes.configuration(ThreadSafeOption.NO), true);
        SessionModes mutableListened = new SessionModes(plain, catalogue, version,
                SessionModes.configuration(ThreadSafeOption.NO), true);
        // The engine's rule-base configuration: immutable, and its sessions not thread-safe by default, so that the
        // pool is asked for its sessions without a session configuration (with one, it builds a string key per call).
        SessionModes engineConfiguration = new SessionModes(SessionModes.engineKieBase(source), catalogue, version,
                null, true);
        java.util.Map<String, SessionModes> variants = new java.util.LinkedHashMap<>();
        variants.put("default", defaults);
        variants.put("threadSafe=NO", unsafe);
        variants.put("directFiring", direct);
        variants.put("threadSafe=NO+directFiring", both);
        variants.put("immutable kbase", frozen);
        variants.put("immutable+threadSafe=NO+directFiring", all);
        variants.put("immutable+threadSafe=NO, facts from a listener", listened);
        variants.put("threadSafe=NO, facts from a listener", mutableListened);
        variants.put("engine's rule-base configuration", engineConfiguration);
        variants.put("engine's, beta memories not indexed", new SessionModes(SessionModes.engineKieBase(source,
                IndexLeftBetaMemoryOption.NO, IndexRightBetaMemoryOption.NO), catalogue, version, null, true));
        variants.put("engine's, right beta memories not indexed", new SessionModes(SessionModes.engineKieBase(source,
                IndexRightBetaMemoryOption.NO), catalogue, version, null, true));
        variants.put("engine's, alpha hashing from 2 nodes", new SessionModes(SessionModes.engineKieBase(source,
                AlphaThresholdOption.get(2)), catalogue, version, null, true));
        if (args.length > 0) {
            java.util.Set<String> wanted = java.util.Set.of(args);
            variants.keySet().retainAll(wanted);
        }
        java.util.List<Application> checks = new java.util.ArrayList<>(Agreement.specApplications(Path.of("specs")));
        checks.addAll(Applicants.population(11, 5_000, Applicants.Profile.MIXED));
        checks.addAll(Populations.generator(5_000));
        Interleaved runs = new Interleaved();
        Application t = Applicants.typical();
        Application l = Applicants.large();
        java.util.List<Application> g = Populations.generator(5_000);
        for (java.util.Map.Entry<String, SessionModes> v : variants.entrySet()) {
            String failure = null;
            for (Application a : checks) {
                try {
                    if (!v.getValue().pooledStateful(a).equals(engine.evaluate(a))) {
                        failure = "decides " + a.id() + " differently";
                    }
                } catch (RuntimeException e) {
                    failure = "fails on " + a.id() + ": " + e.getMessage();
                }
                if (failure != null) {
                    break;
                }
            }
            if (failure != null) {
                System.out.println(v.getKey() + ": REJECTED, " + failure);
                continue;
            }
            System.out.println(v.getKey() + ": decides the spec applications, 5,000 random and 5,000 generated ones as the engine does");
            SessionModes modes = v.getValue();
            runs.add(v.getKey() + " typical", () -> modes.pooledStateful(t));
            runs.add(v.getKey() + " large", () -> modes.pooledStateful(l));
            int[] next = {0};
            runs.add(v.getKey() + " generator", () -> modes.pooledStateful(g.get(next[0]++ % g.size())));
        }
        // More rounds than the default on a loaded machine: -Dbench.rounds=25 (each -Dbench.millis long).
        runs.run(3, Integer.getInteger("bench.rounds", 9), Integer.getInteger("bench.millis", 300));
    }
}
