package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import cn.minhang.policy.model.Application;

/**
 * Turns the facts a session ends with into a {@link Decision}. It decides nothing: every status comes from a
 * rule. It refuses to hide a gap in the rules: a monetary claim that no closing rule granted or excluded, or two
 * rules that disagree about the same clause and subject, is an error, not a line.
 */
final class DecisionAssembler {
    private static final Comparator<AwardLine> LINE_ORDER = Comparator
            .comparingInt((AwardLine l) -> l.clause().rank())
            .thenComparing(l -> l.status() == Status.AGGREGATE_CAP)
            .thenComparing(AwardLine::subject)
            .thenComparing(AwardLine::group);

    private DecisionAssembler() {
    }

    static Decision assemble(Application application, Collection<?> facts, String rulesVersion) {
        List<Claim> claims = new ArrayList<>();
        Map<Claim, List<Verdict>> verdicts = new IdentityHashMap<>();
        List<Forgone> forgone = new ArrayList<>();
        List<AggregateAdjustment> adjustments = new ArrayList<>();
        PolicyPeriod period = null;
        for (Object fact : facts) {
            if (fact instanceof Claim c) {
                claims.add(c);
            } else if (fact instanceof Verdict v) {
                verdicts.computeIfAbsent(v.claim(), k -> new ArrayList<>()).add(v);
            } else if (fact instanceof Forgone f) {
                forgone.add(f);
            } else if (fact instanceof AggregateAdjustment a) {
                adjustments.add(a);
            } else if (fact instanceof PolicyPeriod p) {
                if (period != null && !period.equals(p)) {
                    throw new IllegalStateException("two rules set the validity period: '" + period.rule() + "' and '"
                            + p.rule() + "'");
                }
                period = p;
            }
        }
        if (period == null) {
            throw new IllegalStateException("no rule set the policy's validity period");
        }

        Map<String, List<Claim>> byKey = new TreeMap<>();
        for (Claim c : claims) {
            byKey.computeIfAbsent(c.clause() + "\u0000" + c.subject(), k -> new ArrayList<>()).add(c);
        }
        List<AwardLine> lines = new ArrayList<>();
        for (List<Claim> same : byKey.values()) {
            lines.add(line(same, verdicts));
        }
        String enterprise = application.enterprise().id();
        for (AggregateAdjustment a : adjustments) {
            ClaimKind kind = claims.stream().filter(c -> c.clause().equals(a.clause()) && c.award())
                    .map(Claim::kind).findFirst().orElseThrow();
            lines.add(new AwardLine(Clause.of(a.clause()), enterprise, kind, Status.AGGREGATE_CAP, null,
                    null, a.total(), a.cap().cap(), a.reduction().negate(), a.group(), List.of(), null,
                    List.of(a.cap().rule(), a.rule()), a.cap().reading() == null ? List.of() : List.of(a.cap().reading())));
        }
        lines.sort(LINE_ORDER);

        BigDecimal total = zero();
        Map<String, BigDecimal> byClause = new HashMap<>();
        Set<Integer> measuresWithLines = new TreeSet<>();
        Set<TextReading> readings = new LinkedHashSet<>();
        if (period.reading() != null) {
            readings.add(period.reading());
        }
        for (AwardLine l : lines) {
            total = total.add(l.amount());
            if (l.amount().signum() != 0) {
                byClause.merge(l.clause().id(), l.amount(), BigDecimal::add);
            }
            measuresWithLines.add(l.clause().measure());
            readings.addAll(l.readings());
        }
        List<Integer> notApplicable = new ArrayList<>();
        for (int m = 1; m <= 14; m++) {
            if (!measuresWithLines.contains(m)) {
                notApplicable.add(m);
            }
        }
        List<ForgoneAward> forgoneAwards = forgone.stream()
                .map(f -> new ForgoneAward(f.award(), f.winner().claim().clause(), f.winner().amount()))
                .sorted(Comparator.comparing(f -> f.award().id()))
                .toList();
        List<TextReading> sortedReadings = readings.stream()
                .sorted(Comparator.comparing(TextReading::rule))
                .toList();
        return new Decision(application.id(), enterprise, lines, notApplicable, forgoneAwards, total, byClause, period,
                sortedReadings, rulesVersion);
    }

    private static AwardLine line(List<Claim> same, Map<Claim, List<Verdict>> verdicts) {
        List<Claim> unmet = same.stream().filter(c -> c.kind() == ClaimKind.NOT_ELIGIBLE).toList();
        List<Claim> others = same.stream().filter(c -> c.kind() != ClaimKind.NOT_ELIGIBLE).toList();
        Claim first = same.get(0);
        if (!unmet.isEmpty() && !others.isEmpty() || others.size() > 1) {
            throw new IllegalStateException("rules disagree about clause " + first.clause() + " for subject '"
                    + first.subject() + "': " + same.stream().map(c -> "'" + c.rule() + "' (" + c.kind() + ")")
                    .sorted().toList());
        }
        Clause clause = Clause.of(first.clause());
        if (!unmet.isEmpty()) {
            List<Claim> ordered = unmet.stream().sorted(Comparator.comparing(Claim::rule)).toList();
            List<Reason> reasons = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            List<TextReading> readings = new ArrayList<>();
            for (Claim c : ordered) {
                reasons.add(new Reason(c.noteZh(), c.noteEn()));
                rules.add(c.rule());
                if (c.reading() != null) {
                    readings.add(c.reading());
                }
                addGeneral(verdicts.get(c), reasons, rules);
            }
            return new AwardLine(clause, first.subject(), ClaimKind.NOT_ELIGIBLE, Status.NOT_ELIGIBLE, null, null, null,
                    null, zero(), "", reasons, null, rules, readings);
        }

        Claim c = others.get(0);
        List<Verdict> vs = verdicts.getOrDefault(c, List.of());
        List<Verdict> general = vs.stream().filter(v -> v.status() == Status.NOT_ELIGIBLE).toList();
        List<Verdict> decided = vs.stream().filter(v -> v.status() != Status.NOT_ELIGIBLE).toList();
        List<String> rules = new ArrayList<>();
        rules.add(c.rule());
        List<TextReading> readings = c.reading() == null ? List.of() : List.of(c.reading());
        if (!general.isEmpty()) {
            List<Reason> reasons = new ArrayList<>();
            addGeneral(general, reasons, rules);
            return new AwardLine(clause, c.subject(), c.kind(), Status.NOT_ELIGIBLE, c.base(), c.rate(), c.computed(),
                    c.cap(), zero(), "", reasons, null, rules, readings);
        }
        if (!c.award()) {
            if (!decided.isEmpty()) {
                throw new IllegalStateException("rule '" + decided.get(0).rule() + "' decided on the non-monetary claim of '"
                        + c.rule() + "'");
            }
            Status status = c.kind() == ClaimKind.CEILING ? Status.CEILING : Status.SUPPORT;
            List<Reason> reasons = c.noteZh() == null ? List.of() : List.of(new Reason(c.noteZh(), c.noteEn()));
            return new AwardLine(clause, c.subject(), c.kind(), status, null, null, null, c.cap(), zero(), "", reasons,
                    null, rules, readings);
        }
        if (decided.size() != 1) {
            throw new IllegalStateException("the claim of rule '" + c.rule() + "' for subject '" + c.subject() + "' was "
                    + (decided.isEmpty() ? "neither granted nor excluded by any closing rule"
                    : "decided by several rules: " + decided.stream().map(Verdict::rule).sorted().toList()));
        }
        Verdict v = decided.get(0);
        rules.add(v.rule());
        ExcludedBy by = null;
        BigDecimal amount = v.granted() ? c.amount() : zero();
        if (v.status() == Status.EXCLUDED) {
            Winner w = Objects.requireNonNull(v.winner(), "an exclusion names its winner");
            by = w.claim() != null
                    ? new ExcludedBy(w.claim().clause(), null, null, null, w.amount())
                    : new ExcludedBy(null, w.otherAward().id(), w.otherAward().policy(), w.otherAward().level(),
                    w.amount());
        }
        return new AwardLine(clause, c.subject(), c.kind(), v.status(), c.base(), c.rate(), c.computed(), c.cap(),
                amount, "", List.of(), by, rules, readings);
    }

    private static void addGeneral(List<Verdict> general, List<Reason> reasons, List<String> rules) {
        if (general == null) {
            return;
        }
        general.stream()
                .sorted(Comparator.comparing(v -> v.unmet().rule()))
                .forEach(v -> {
                    reasons.add(new Reason(v.unmet().reasonZh(), v.unmet().reasonEn()));
                    rules.add(v.unmet().rule());
                    rules.add(v.rule());
                });
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
