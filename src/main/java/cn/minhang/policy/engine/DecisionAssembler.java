package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    static Decision assemble(Application application, Collection<?> facts, ClauseCatalogue catalogue,
                             String rulesVersion) {
        List<Claim> claims = new ArrayList<>();
        Map<Claim, List<Verdict>> verdicts = new IdentityHashMap<>();
        List<Forgone> forgone = new ArrayList<>();
        List<AggregateAdjustment> adjustments = new ArrayList<>();
        PolicyPeriod period = null;
        for (Object fact : facts) {
            if (fact instanceof Claim c) {
                claims.add(c);
            } else if (fact instanceof Verdict v) {
                verdicts.computeIfAbsent(v.claim(), k -> new ArrayList<>(1)).add(v);
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

        // The claims of one (clause, subject) make one line; the final sort puts the lines in order.
        Map<String, List<Claim>> byKey = new HashMap<>();
        for (Claim c : claims) {
            byKey.computeIfAbsent(c.clause() + "\u0000" + c.subject(), k -> new ArrayList<>(1)).add(c);
        }
        List<AwardLine> lines = new ArrayList<>(byKey.size() + adjustments.size());
        for (List<Claim> same : byKey.values()) {
            lines.add(line(same, verdicts, catalogue));
        }
        String enterprise = application.enterprise().id();
        for (AggregateAdjustment a : adjustments) {
            ClaimKind kind = null;
            for (Claim c : claims) {
                if (c.award() && c.clause().equals(a.clause())) {
                    kind = c.kind();
                    break;
                }
            }
            if (kind == null) {
                throw new IllegalStateException("rule '" + a.rule() + "' capped clause " + a.clause()
                        + ", which has no award");
            }
            lines.add(new AwardLine(catalogue.clause(a.clause()), enterprise, kind, Status.AGGREGATE_CAP, null,
                    null, a.total(), a.cap().cap(), a.reduction().negate(), a.group(), List.of(), null,
                    List.of(a.cap().rule(), a.rule()),
                    a.cap().reading() == null ? List.of() : List.of(a.cap().reading())));
        }
        lines.sort(LINE_ORDER);

        BigDecimal total = zero();
        Map<String, BigDecimal> byClause = new HashMap<>();
        Set<Integer> measuresWithLines = new HashSet<>();
        Set<TextReading> readings = new LinkedHashSet<>();
        if (period.reading() != null) {
            readings.add(period.reading());
        }
        for (AwardLine l : lines) {
            total = total.add(l.amount());
            if (l.amount().signum() != 0) {
                byClause.merge(l.clause().id(), l.amount(), BigDecimal::add);
            }
            if (l.clause().isMeasureClause()) {
                measuresWithLines.add(l.clause().measure());
            }
            readings.addAll(l.readings());
        }
        List<Integer> notApplicable = new ArrayList<>();
        for (int m : catalogue.measures()) {
            if (!measuresWithLines.contains(m)) {
                notApplicable.add(m);
            }
        }
        List<ForgoneAward> forgoneAwards = new ArrayList<>(forgone.size());
        for (Forgone f : forgone) {
            BigDecimal adds = f.winner().addsAfterCap(f.winner().claim().clause());
            forgoneAwards.add(new ForgoneAward(f.award(), catalogue.clause(f.winner().claim().clause()), f.winner().amount(),
                    adds != null && adds.compareTo(f.winner().amount()) < 0 ? adds : null));
        }
        forgoneAwards.sort(Comparator.comparing(f -> f.award().id()));
        List<TextReading> sortedReadings = new ArrayList<>(readings);
        sortedReadings.sort(Comparator.comparing(TextReading::rule));
        return new Decision(application.id(), enterprise, lines, notApplicable, forgoneAwards, total, byClause, period,
                sortedReadings, rulesVersion);
    }

    private static AwardLine line(List<Claim> same, Map<Claim, List<Verdict>> verdicts, ClauseCatalogue catalogue) {
        List<Claim> unmet = new ArrayList<>(1);
        List<Claim> others = new ArrayList<>(1);
        for (Claim c : same) {
            (c.kind() == ClaimKind.NOT_ELIGIBLE ? unmet : others).add(c);
        }
        Claim first = same.get(0);
        if (!unmet.isEmpty() && !others.isEmpty() || others.size() > 1) {
            List<String> named = new ArrayList<>();
            for (Claim c : same) {
                named.add("'" + c.rule() + "' (" + c.kind() + ")");
            }
            named.sort(null);
            throw new IllegalStateException("rules disagree about clause " + first.clause() + " for subject '"
                    + first.subject() + "': " + named);
        }
        Clause clause = catalogue.clause(first.clause());
        if (!unmet.isEmpty()) {
            unmet.sort(Comparator.comparing(Claim::rule));
            List<Reason> reasons = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            List<TextReading> readings = new ArrayList<>();
            for (Claim c : unmet) {
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
        List<Verdict> general = new ArrayList<>(vs.size());
        List<Verdict> decided = new ArrayList<>(vs.size());
        for (Verdict v : vs) {
            (v.status() == Status.NOT_ELIGIBLE ? general : decided).add(v);
        }
        List<String> rules = new ArrayList<>(3);
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
            List<String> deciders = new ArrayList<>();
            for (Verdict v : decided) {
                deciders.add(v.rule());
            }
            deciders.sort(null);
            throw new IllegalStateException("the claim of rule '" + c.rule() + "' for subject '" + c.subject() + "' was "
                    + (decided.isEmpty() ? "neither granted nor excluded by any closing rule"
                    : "decided by several rules: " + deciders));
        }
        Verdict v = decided.get(0);
        rules.add(v.rule());
        ExcludedBy by = null;
        BigDecimal amount = v.granted() ? c.amount() : zero();
        if (v.status() == Status.EXCLUDED) {
            Winner w = Objects.requireNonNull(v.winner(), "an exclusion names its winner");
            by = w.claim() != null
                    ? new ExcludedBy(w.claim().clause(), null, null, null, w.amount(), v.addedAfterCap(),
                    v.keptAddsAfterCap())
                    : new ExcludedBy(null, w.otherAward().id(), w.otherAward().policy(), w.otherAward().level(),
                    w.amount(), v.addedAfterCap(), null);
        }
        if (v.reading() != null) {
            List<TextReading> both = new ArrayList<>(readings);
            both.add(v.reading());
            readings = both;
        }
        return new AwardLine(clause, c.subject(), c.kind(), v.status(), c.base(), c.rate(), c.computed(), c.cap(),
                amount, "", List.of(), by, rules, readings);
    }

    private static void addGeneral(List<Verdict> general, List<Reason> reasons, List<String> rules) {
        if (general == null) {
            return;
        }
        List<Verdict> sorted = general;
        if (general.size() > 1) {
            sorted = new ArrayList<>(general);
            sorted.sort(Comparator.comparing(v -> v.unmet().rule()));
        }
        for (Verdict v : sorted) {
            reasons.add(new Reason(v.unmet().reasonZh(), v.unmet().reasonEn()));
            rules.add(v.unmet().rule());
            rules.add(v.rule());
        }
    }

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private static BigDecimal zero() {
        return ZERO;
    }
}
