package cn.minhang.policy.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.SessionModes;
import cn.minhang.policy.model.Application;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Where an evaluation's time goes, rule by rule: {@code java -cp ... cn.minhang.policy.bench.RuleCosts
 * [generator|typical|large] [seconds]}. Evaluates the applicants in turn in a pooled session of the engine's rules,
 * with a listener that reads the clock before and after every firing, and reports per evaluation the phases
 * (checks, inserting, firing, assembling, the reset) and, for every rule that fires, the time of its consequences
 * (with the inserts they make, which run the new facts through the alpha network) and the time from the previous
 * firing to its own: the network evaluation of its rule, which Drools makes lazily just before the rule fires (the
 * evaluation of a rule that ends without a match is counted in the next rule that fires; what follows the last
 * firing is "after the last firing"). Wall clock, not CPU time: on a loaded machine read the shares, not the
 * microseconds.
 */
public final class RuleCosts {
    private static final class Cost {
        long evaluations;
        long firings;
        long before;
        long consequence;
    }

    private final Map<String, Cost> costs = new HashMap<>();
    private final Set<String> firedInThisEvaluation = new HashSet<>();
    private final long[] phases = new long[5];
    private long last;
    private long firingTotal;
    private Cost firing;
    private long count;

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "generator";
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        List<Application> applicants = switch (which) {
            case "typical" -> List.of(Applicants.typical());
            case "large" -> List.of(Applicants.large());
            default -> Populations.generator(5_000);
        };
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        SessionModes modes = new SessionModes(engine);
        new RuleCosts().run(modes, applicants, Math.max(1, seconds / 3));
        RuleCosts measured = new RuleCosts();
        measured.run(modes, applicants, seconds);
        measured.report();
    }

    private void run(SessionModes modes, List<Application> applicants, long seconds) {
        DefaultAgendaEventListener clock = new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                long now = System.nanoTime();
                String rule = event.getMatch().getRule().getName();
                firing = costs.computeIfAbsent(rule, k -> new Cost());
                firing.before += now - last;
                firing.firings++;
                if (firedInThisEvaluation.add(rule)) {
                    firing.evaluations++;
                }
                last = System.nanoTime();
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                long now = System.nanoTime();
                firing.consequence += now - last;
                last = System.nanoTime();
            }
        };
        Runnable start = () -> {
            firedInThisEvaluation.clear();
            last = System.nanoTime();
        };
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            long firingBefore = phases[2];
            modes.pooledStatefulTimed(applicants.get(i++ % applicants.size()), clock, start, phases);
            firingTotal += phases[2] - firingBefore;
            count++;
        }
    }

    private void report() {
        double n = count;
        long attributed = 0;
        for (Cost c : costs.values()) {
            attributed += c.before + c.consequence;
        }
        long total = 0;
        for (long p : phases) {
            total += p;
        }
        System.out.printf("%,d evaluations, %.2f us each (wall)%n", count, total / n / 1e3);
        String[] names = {"checks and facts' list", "inserting the application's facts", "firing",
                "assembling the decision", "dispose (reset)"};
        for (int p = 0; p < phases.length; p++) {
            System.out.printf("  %-36s %8.2f us %5.1f%%%n", names[p], phases[p] / n / 1e3, 100.0 * phases[p] / total);
        }
        System.out.printf("  %-36s %8.2f us %5.1f%%  (of firing: the agenda, rules evaluated without a match)%n",
                "after the last firing", (firingTotal - attributed) / n / 1e3, 100.0 * (firingTotal - attributed) / total);
        List<Map.Entry<String, Cost>> rows = new ArrayList<>(costs.entrySet());
        rows.sort((x, y) -> Long.compare(y.getValue().before + y.getValue().consequence,
                x.getValue().before + x.getValue().consequence));
        System.out.printf("%n%8s %8s %9s %9s %6s  %s%n", "fired in", "firings", "network", "conseq.", "share",
                "rule (per evaluation, us)");
        for (Map.Entry<String, Cost> e : rows) {
            Cost c = e.getValue();
            System.out.printf("%7.1f%% %8.2f %9.2f %9.2f %5.1f%%  %s%n", 100.0 * c.evaluations / n, c.firings / n,
                    c.before / n / 1e3, c.consequence / n / 1e3, 100.0 * (c.before + c.consequence) / total,
                    e.getKey());
        }
    }
}
