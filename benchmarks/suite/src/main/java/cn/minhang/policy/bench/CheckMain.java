package cn.minhang.policy.bench;

import java.nio.file.Path;

import cn.minhang.policy.engine.PolicyEngine;

/** Checks the baseline against the engine: spec applications, then random ones. */
public final class CheckMain {
    public static void main(String[] args) {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        int specs = Agreement.check(engine, Agreement.specApplications(Path.of("specs")), "spec applications");
        System.out.println("spec applications agree: " + specs);
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int mixed = Agreement.check(engine, Applicants.population(1, n, Applicants.Profile.MIXED), "mixed random applications");
        System.out.println("mixed random applications agree: " + mixed);
        int typical = Agreement.check(engine, Applicants.population(2, n, Applicants.Profile.TYPICAL), "typical random applications");
        System.out.println("typical random applications agree: " + typical);
        System.out.println("typical facts: " + Applicants.typical().facts().size() + ", large facts: " + Applicants.large().facts().size());
    }
}
