package cn.minhang.policy.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;

/**
 * Checks, before anything is timed, that the plain-Java {@link Baseline} grants exactly what the engine grants:
 * every line's clause, subject, status and amount, every aggregate-cap adjustment, the awards to forgo, the
 * measures not applicable and the total.
 */
public final class Agreement {
    private Agreement() {
    }

    /** The lines of a decision in a comparable form, sorted. */
    static TreeSet<String> lines(Decision d) {
        TreeSet<String> out = new TreeSet<>();
        for (AwardLine l : d.lines()) {
            out.add(key(l.clause().id(), l.subject(), l.status(),
                    l.status() == Status.AGGREGATE_CAP ? l.group() : "", l.amount()));
        }
        return out;
    }

    static TreeSet<String> lines(Baseline.Result r) {
        TreeSet<String> out = new TreeSet<>();
        for (Baseline.Line l : r.lines()) {
            out.add(key(l.clause(), l.subject(), l.status(), l.group(), l.amount()));
        }
        return out;
    }

    private static String key(String clause, String subject, Status status, String group, BigDecimal amount) {
        return clause + " | " + subject + " | " + status + " | " + group + " | " + amount.setScale(2).toPlainString();
    }

    /** Null if the baseline agrees with the engine's decision, else what differs. */
    public static String difference(Decision d, Baseline.Result r) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> engine = lines(d);
        TreeSet<String> baseline = lines(r);
        if (!engine.equals(baseline)) {
            TreeSet<String> onlyEngine = new TreeSet<>(engine);
            onlyEngine.removeAll(baseline);
            TreeSet<String> onlyBaseline = new TreeSet<>(baseline);
            onlyBaseline.removeAll(engine);
            problems.add("lines only in the engine's decision: " + onlyEngine);
            problems.add("lines only in the baseline's: " + onlyBaseline);
        }
        if (d.totalGranted().compareTo(r.total()) != 0) {
            problems.add("total: engine " + d.totalGranted() + ", baseline " + r.total());
        }
        TreeSet<String> forgoneEngine = new TreeSet<>();
        for (ForgoneAward f : d.forgone()) {
            forgoneEngine.add(f.award().id());
        }
        if (!forgoneEngine.equals(new TreeSet<>(r.forgone()))) {
            problems.add("forgone: engine " + forgoneEngine + ", baseline " + new TreeSet<>(r.forgone()));
        }
        if (!d.measuresNotApplicable().equals(r.measuresNotApplicable())) {
            problems.add("measures not applicable: engine " + d.measuresNotApplicable() + ", baseline "
                    + r.measuresNotApplicable());
        }
        return problems.isEmpty() ? null : String.join("\n  ", problems);
    }

    /** Every spec application that is not expected to be rejected, read as the spec runner reads it. */
    public static List<Application> specApplications(Path specs) {
        List<Application> out = new ArrayList<>();
        for (SpecCase c : SpecRunner.load(specs)) {
            if (c.expectedErrorPaths().isEmpty()) {
                out.add(ApplicationReader.fromTree(c.application()));
            }
        }
        return out;
    }

    /** Checks each application; throws with the first few that disagree. Returns how many were checked. */
    public static int check(PolicyEngine engine, Iterable<Application> applications, String what) {
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Application a : applications) {
            String diff = difference(engine.evaluate(a), Baseline.decide(a));
            if (diff != null && failures.size() < 5) {
                failures.add("application " + a.id() + ":\n  " + diff);
            } else if (diff != null) {
                failures.add(null);
            }
            checked++;
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the baseline disagrees with the engine on " + failures.size() + " of "
                    + checked + " " + what + ":\n" + String.join("\n", failures.stream()
                    .filter(java.util.Objects::nonNull).toList()));
        }
        return checked;
    }
}
