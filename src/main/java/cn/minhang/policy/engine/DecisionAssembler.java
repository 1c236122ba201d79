package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import cn.minhang.policy.model.Application;

/**
 * Turns the facts a session ends with into a {@link Decision}. It decides nothing: every status comes from a
 * rule. It refuses to hide a gap in the rules: a monetary claim that no closing rule granted or excluded, or two
 * rules that disagree about the same clause and subject, is an error, not a line.
 *
 * <p>It runs on every evaluation, so it is written as a few small steps over lists, with no string keys or
 * composed comparators: the claims are sorted by clause and subject, so that the claims of one line sit side by
 * side and the lines come out nearly in order.
 */
final class DecisionAssembler {
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    /** The order of the lines: by clause, a clause's aggregate-cap lines after its other lines, then by subject and group. */
    private static final Comparator<AwardLine> LINE_ORDER = DecisionAssembler::compareLines;

    /** The order the claims are grouped in: by clause, then by subject. */
    private static final Comparator<Claim> CLAIM_ORDER = DecisionAssembler::compareClaims;

    private DecisionAssembler() {
    }

    /** The decision from the facts a session ends with (every fact it holds, in any order). */
    static Decision assemble(Application application, Collection<?> facts, ClauseCatalogue catalogue,
                             String rulesVersion) {
        Derived derived = Derived.of(facts);
        String enterprise = application.enterprise().id();
        List<AwardLine> lines = new ArrayList<>(derived.claims.size() + derived.adjustments.size());
        claimLines(derived, catalogue, lines);
        Map<String, BigDecimal> review = ceilingsWithinAggregateCaps(derived, lines);
        capLines(derived, enterprise, catalogue, lines);
        lines.sort(LINE_ORDER);
        return decision(application.id(), enterprise, lines, derived, catalogue, rulesVersion, review);
    }

    /** The derived facts of a session, sorted by type. */
    private static final class Derived {
        final List<Claim> claims = new ArrayList<>();
        final Map<Claim, List<Verdict>> verdicts = new IdentityHashMap<>();
        final List<Forgone> forgone = new ArrayList<>(2);
        final List<AggregateAdjustment> adjustments = new ArrayList<>(2);
        final List<AggregateCap> caps = new ArrayList<>(2);
        PolicyPeriod period;

        /**
         * The derived facts among a session's facts. An immutable rule base keeps the facts no pattern matches out
         * of the session's object store, so they come from what was inserted ({@link InsertedFacts}), not from a
         * read of the store by type.
         */
        static Derived of(Collection<?> facts) {
            Derived d = new Derived();
            for (Object fact : facts) {
                if (fact instanceof Claim c) {
                    d.claims.add(c);
                } else if (fact instanceof Verdict v) {
                    d.verdict(v);
                } else if (fact instanceof Forgone f) {
                    d.forgone.add(f);
                } else if (fact instanceof AggregateAdjustment a) {
                    d.adjustments.add(a);
                } else if (fact instanceof AggregateCap a) {
                    d.caps.add(a);
                } else if (fact instanceof PolicyPeriod p) {
                    d.period(p);
                }
            }
            if (d.period == null) {
                throw new IllegalStateException("no rule set the policy's validity period");
            }
            return d;
        }

        private void verdict(Verdict v) {
            List<Verdict> of = verdicts.get(v.claim());
            if (of == null) {
                of = new ArrayList<>(1);
                verdicts.put(v.claim(), of);
            }
            of.add(v);
        }

        private void period(PolicyPeriod p) {
            if (period != null && !period.equals(p)) {
                throw new IllegalStateException("two rules set the validity period: '" + period.rule() + "' and '"
                        + p.rule() + "'");
            }
            period = p;
        }
    }

    /** The claims of one (clause, subject) make one line. */
    private static void claimLines(Derived derived, ClauseCatalogue catalogue, List<AwardLine> lines) {
        List<Claim> sorted = new ArrayList<>(derived.claims);
        sorted.sort(CLAIM_ORDER);
        int size = sorted.size();
        int from = 0;
        while (from < size) {
            Claim first = sorted.get(from);
            int to = from + 1;
            while (to < size && sameLine(first, sorted.get(to))) {
                to++;
            }
            lines.add(line(sorted.subList(from, to), derived.verdicts, catalogue));
            from = to;
        }
    }

    private static boolean sameLine(Claim a, Claim b) {
        return a.clause().equals(b.clause()) && a.subject().equals(b.subject());
    }

    /**
     * The ceilings of the lines to be set by review, within their clause's aggregate cap (“给予引荐方上限3000万元”: the
     * referrals of one referrer share 30,000,000). A ceiling line is worth at most what the cap leaves once the
     * clause's granted awards of its group are counted: such a line is bounded to that, with the reason; and the
     * ceiling lines of one clause and group together are worth at most the same. Returns what review can still add,
     * per clause with a ceiling line.
     */
    private static Map<String, BigDecimal> ceilingsWithinAggregateCaps(Derived derived, List<AwardLine> lines) {
        Map<String, BigDecimal> review = new LinkedHashMap<>();
        Map<List<String>, SharedCap> shared = null;  // by (clause, group)
        for (int i = 0; i < lines.size(); i++) {
            AwardLine line = lines.get(i);
            if (line.status() != Status.CEILING) {
                continue;
            }
            AggregateCap cap = aggregateCap(derived, line.clause().id());
            if (cap == null) {
                review.merge(line.clause().id(), line.cap(), BigDecimal::add);
                continue;
            }
            String group = ceilingClaim(derived, line).group();
            BigDecimal granted = grantedIn(derived, line.clause().id(), group);
            BigDecimal left = cap.cap().subtract(granted).max(ZERO);
            if (left.compareTo(line.cap()) < 0) {
                line = bounded(line, cap, granted, left);
                lines.set(i, line);
            }
            if (shared == null) {
                shared = new LinkedHashMap<>();
            }
            SharedCap pending = shared.computeIfAbsent(List.of(line.clause().id(), group), k -> new SharedCap(left));
            pending.ceilings = pending.ceilings.add(line.cap());
            pending.lines.add(i);
        }
        if (shared != null) {
            for (Map.Entry<List<String>, SharedCap> e : shared.entrySet()) {
                SharedCap pending = e.getValue();
                review.merge(e.getKey().get(0), pending.ceilings.min(pending.left), BigDecimal::add);
                if (pending.ceilings.compareTo(pending.left) > 0 && pending.lines.size() > 1) {
                    sharing(lines, pending);
                }
            }
        }
        return review;
    }

    /** The ceiling lines of one clause and group under its aggregate cap: what the cap leaves them, and where they are. */
    private static final class SharedCap {
        final BigDecimal left;
        BigDecimal ceilings = ZERO;
        final List<Integer> lines = new ArrayList<>(2);

        SharedCap(BigDecimal left) {
            this.left = left;
        }
    }

    /**
     * The ceiling lines of one clause and group whose ceilings together pass what the aggregate cap leaves: each
     * says that it shares that amount with the others.
     */
    private static void sharing(List<AwardLine> lines, SharedCap shared) {
        int others = shared.lines.size() - 1;
        for (int i : shared.lines) {
            AwardLine line = lines.get(i);
            Clause c = line.clause();
            lines.set(i, withReason(line, line.cap(), new Reason(
                    "与其余 " + others + " 项待评审事项共用" + c.aggregateScopeZh() + "合计上限，合计最高 "
                            + Explanations.yuan(shared.left) + " 元",
                    "shared under the " + c.aggregateScopeEn() + " cap with " + others + " other line"
                            + (others > 1 ? "s" : "") + " awaiting review: up to " + Explanations.yuan(shared.left)
                            + " yuan in all"), null));
        }
    }

    /** The aggregate cap a rule declared for {@code clause} (the lowest, should there be several); null if none. */
    private static AggregateCap aggregateCap(Derived derived, String clause) {
        AggregateCap lowest = null;
        for (AggregateCap cap : derived.caps) {
            if (cap.clause().equals(clause) && (lowest == null || cap.cap().compareTo(lowest.cap()) < 0)) {
                lowest = cap;
            }
        }
        return lowest;
    }

    private static Claim ceilingClaim(Derived derived, AwardLine line) {
        for (Claim c : derived.claims) {
            if (c.kind() == ClaimKind.CEILING && c.clause().equals(line.clause().id())
                    && c.subject().equals(line.subject())) {
                return c;
            }
        }
        throw new IllegalStateException("no claim makes the ceiling line of clause " + line.clause().id()
                + " for subject '" + line.subject() + "'");
    }

    /** The sum of the clause's granted awards in {@code group}, before its aggregate cap. */
    private static BigDecimal grantedIn(Derived derived, String clause, String group) {
        BigDecimal sum = ZERO;
        for (Claim c : derived.claims) {
            if (c.award() && c.clause().equals(clause) && c.group().equals(group)) {
                List<Verdict> vs = derived.verdicts.get(c);
                if (vs != null && vs.stream().anyMatch(Verdict::granted)) {
                    sum = sum.add(c.amount());
                }
            }
        }
        return sum;
    }

    /** A ceiling line bounded by what its clause's aggregate cap leaves, with the arithmetic as its reason. */
    private static AwardLine bounded(AwardLine line, AggregateCap cap, BigDecimal granted, BigDecimal left) {
        Clause c = line.clause();
        String total = Explanations.yuan(cap.cap());
        String given = Explanations.yuan(granted.min(cap.cap()));
        return withReason(line, left, new Reason(
                c.aggregateScopeZh() + "合计上限 " + total + " 元，本条已给予 " + given + " 元，尚余 "
                        + Explanations.yuan(left) + " 元",
                "the " + c.aggregateScopeEn() + " cap of " + total + " yuan in all, of which this clause has granted "
                        + given + " yuan, leaves " + Explanations.yuan(left) + " yuan"), cap);
    }

    /**
     * {@code line} with the ceiling {@code cap} and one reason more; citing the rule and reading of {@code citing}
     * too when it is not null.
     */
    private static AwardLine withReason(AwardLine line, BigDecimal cap, Reason reason, AggregateCap citing) {
        List<Reason> reasons = new ArrayList<>(line.reasons());
        reasons.add(reason);
        List<String> rules = line.rules();
        List<TextReading> readings = line.readings();
        if (citing != null) {
            rules = new ArrayList<>(rules);
            rules.add(citing.rule());
            if (citing.reading() != null && !readings.contains(citing.reading())) {
                readings = new ArrayList<>(readings);
                readings.add(citing.reading());
            }
        }
        return new AwardLine(line.clause(), line.subject(), line.kind(), line.status(), line.base(), line.rate(),
                line.computed(), cap, line.amount(), line.group(), reasons, line.excludedBy(), rules, readings);
    }

    /** One line for every aggregate cap that reduced a clause's total. */
    private static void capLines(Derived derived, String enterprise, ClauseCatalogue catalogue, List<AwardLine> lines) {
        for (AggregateAdjustment a : derived.adjustments) {
            ClaimKind kind = null;
            for (Claim c : derived.claims) {
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
    }

    /** The totals, the measures without lines, the awards forgone and the readings, around the sorted lines. */
    private static Decision decision(String applicationId, String enterprise, List<AwardLine> lines, Derived derived,
                                     ClauseCatalogue catalogue, String rulesVersion, Map<String, BigDecimal> review) {
        BigDecimal total = ZERO;
        Map<String, BigDecimal> byClause = new LinkedHashMap<>();
        BitSet measuresWithLines = new BitSet();
        List<TextReading> readings = new ArrayList<>(2);
        if (derived.period.reading() != null) {
            readings.add(derived.period.reading());
        }
        for (AwardLine l : lines) {
            total = total.add(l.amount());
            if (l.amount().signum() != 0) {
                byClause.merge(l.clause().id(), l.amount(), BigDecimal::add);
            }
            if (l.clause().isMeasureClause()) {
                measuresWithLines.set(l.clause().measure());
            }
            for (TextReading r : l.readings()) {
                if (!readings.contains(r)) {
                    readings.add(r);
                }
            }
        }
        readings.sort(Comparator.comparing(TextReading::rule));
        return new Decision(applicationId, enterprise, lines, notApplicable(catalogue, measuresWithLines),
                forgoneAwards(derived.forgone, catalogue), total, byClause, derived.period, readings, rulesVersion,
                review);
    }

    private static List<Integer> notApplicable(ClauseCatalogue catalogue, BitSet measuresWithLines) {
        List<Integer> notApplicable = new ArrayList<>(catalogue.measures().size());
        for (Integer m : catalogue.measures()) {
            if (!measuresWithLines.get(m)) {
                notApplicable.add(m);
            }
        }
        return notApplicable;
    }

    private static List<ForgoneAward> forgoneAwards(List<Forgone> forgone, ClauseCatalogue catalogue) {
        if (forgone.isEmpty()) {
            return List.of();
        }
        List<ForgoneAward> forgoneAwards = new ArrayList<>(forgone.size());
        for (Forgone f : forgone) {
            BigDecimal adds = f.winner().addsAfterCap(f.winner().claim().clause());
            forgoneAwards.add(new ForgoneAward(f.award(), catalogue.clause(f.winner().claim().clause()), f.winner().amount(),
                    adds != null && adds.compareTo(f.winner().amount()) < 0 ? adds : null));
        }
        forgoneAwards.sort(Comparator.comparing(f -> f.award().id()));
        return forgoneAwards;
    }

    /** The line of the claims of one (clause, subject). */
    private static AwardLine line(List<Claim> same, Map<Claim, List<Verdict>> verdicts, ClauseCatalogue catalogue) {
        Claim first = same.get(0);
        if (same.size() == 1) {
            Clause clause = catalogue.clause(first.clause());
            return first.kind() == ClaimKind.NOT_ELIGIBLE
                    ? notEligible(clause, same, verdicts)
                    : decided(clause, first, verdicts.get(first));
        }
        List<Claim> unmet = new ArrayList<>(same.size());
        int others = 0;
        for (Claim c : same) {
            if (c.kind() == ClaimKind.NOT_ELIGIBLE) {
                unmet.add(c);
            } else {
                others++;
            }
        }
        if (others > 0) {
            throw disagreement(same);
        }
        return notEligible(catalogue.clause(first.clause()), unmet, verdicts);
    }

    private static IllegalStateException disagreement(List<Claim> same) {
        Claim first = same.get(0);
        List<String> named = new ArrayList<>();
        for (Claim c : same) {
            named.add("'" + c.rule() + "' (" + c.kind() + ")");
        }
        named.sort(null);
        return new IllegalStateException("rules disagree about clause " + first.clause() + " for subject '"
                + first.subject() + "': " + named);
    }

    /** The claims of rules that found a condition of the clause unmet, with the general conditions unmet for them. */
    private static AwardLine notEligible(Clause clause, List<Claim> unmet, Map<Claim, List<Verdict>> verdicts) {
        List<Claim> sorted = unmet;
        if (unmet.size() > 1) {
            sorted = new ArrayList<>(unmet);
            sorted.sort(Comparator.comparing(Claim::rule));
        }
        List<Reason> reasons = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        List<TextReading> readings = new ArrayList<>(1);
        for (Claim c : sorted) {
            reasons.add(new Reason(c.noteZh(), c.noteEn()));
            rules.add(c.rule());
            if (c.reading() != null) {
                readings.add(c.reading());
            }
            addGeneral(verdicts.get(c), reasons, rules);
        }
        Claim first = sorted.get(0);
        return new AwardLine(clause, first.subject(), ClaimKind.NOT_ELIGIBLE, Status.NOT_ELIGIBLE, null, null, null,
                null, ZERO, "", reasons, null, rules, readings);
    }

    /** The line of a claim a measure rule made: unmet general conditions, non-monetary, or granted or excluded. */
    private static AwardLine decided(Clause clause, Claim c, List<Verdict> vs) {
        List<Verdict> general = null;
        List<Verdict> decided = null;
        if (vs != null) {
            for (Verdict v : vs) {
                if (v.status() == Status.NOT_ELIGIBLE) {
                    general = added(general, v);
                } else {
                    decided = added(decided, v);
                }
            }
        }
        List<String> rules = new ArrayList<>(3);
        rules.add(c.rule());
        List<TextReading> readings = c.reading() == null ? List.of() : List.of(c.reading());
        if (general != null) {
            List<Reason> reasons = new ArrayList<>();
            addGeneral(general, reasons, rules);
            return new AwardLine(clause, c.subject(), c.kind(), Status.NOT_ELIGIBLE, c.base(), c.rate(), c.computed(),
                    c.cap(), ZERO, "", reasons, null, rules, readings);
        }
        if (!c.award()) {
            return nonMonetary(clause, c, decided, rules, readings);
        }
        if (decided == null || decided.size() != 1) {
            throw undecided(c, decided);
        }
        return verdictLine(clause, c, decided.get(0), rules, readings);
    }

    private static List<Verdict> added(List<Verdict> list, Verdict v) {
        List<Verdict> to = list == null ? new ArrayList<>(1) : list;
        to.add(v);
        return to;
    }

    private static AwardLine nonMonetary(Clause clause, Claim c, List<Verdict> decided, List<String> rules,
                                         List<TextReading> readings) {
        if (decided != null) {
            throw new IllegalStateException("rule '" + decided.get(0).rule() + "' decided on the non-monetary claim of '"
                    + c.rule() + "'");
        }
        Status status = c.kind() == ClaimKind.CEILING ? Status.CEILING : Status.SUPPORT;
        List<Reason> reasons = c.noteZh() == null ? List.of() : List.of(new Reason(c.noteZh(), c.noteEn()));
        return new AwardLine(clause, c.subject(), c.kind(), status, null, null, null, c.cap(), ZERO, "", reasons,
                null, rules, readings);
    }

    private static IllegalStateException undecided(Claim c, List<Verdict> decided) {
        List<String> deciders = new ArrayList<>();
        if (decided != null) {
            for (Verdict v : decided) {
                deciders.add(v.rule());
            }
        }
        deciders.sort(null);
        return new IllegalStateException("the claim of rule '" + c.rule() + "' for subject '" + c.subject() + "' was "
                + (deciders.isEmpty() ? "neither granted nor excluded by any closing rule"
                : "decided by several rules: " + deciders));
    }

    /** A monetary claim the closing rules granted or excluded. */
    private static AwardLine verdictLine(Clause clause, Claim c, Verdict v, List<String> rules,
                                         List<TextReading> readings) {
        rules.add(v.rule());
        BigDecimal amount = v.granted() ? c.amount() : ZERO;
        ExcludedBy by = v.status() == Status.EXCLUDED ? excludedBy(v) : null;
        List<TextReading> all = readings;
        if (v.reading() != null) {
            all = new ArrayList<>(readings);
            all.add(v.reading());
        }
        return new AwardLine(clause, c.subject(), c.kind(), v.status(), c.base(), c.rate(), c.computed(), c.cap(),
                amount, "", List.of(), by, rules, all);
    }

    private static ExcludedBy excludedBy(Verdict v) {
        Winner w = Objects.requireNonNull(v.winner(), "an exclusion names its winner");
        return w.claim() != null
                ? new ExcludedBy(w.claim().clause(), null, null, null, w.amount(), v.addedAfterCap(),
                v.keptAddsAfterCap())
                : new ExcludedBy(null, w.otherAward().id(), w.otherAward().policy(), w.otherAward().level(),
                w.amount(), v.addedAfterCap(), null);
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

    private static int compareLines(AwardLine a, AwardLine b) {
        int c = Integer.compare(a.clause().rank(), b.clause().rank());
        if (c != 0) {
            return c;
        }
        c = Boolean.compare(a.status() == Status.AGGREGATE_CAP, b.status() == Status.AGGREGATE_CAP);
        if (c != 0) {
            return c;
        }
        c = a.subject().compareTo(b.subject());
        return c != 0 ? c : a.group().compareTo(b.group());
    }

    private static int compareClaims(Claim a, Claim b) {
        int c = Integer.compare(a.rank(), b.rank());
        if (c != 0) {
            return c;
        }
        c = a.clause().compareTo(b.clause());
        return c != 0 ? c : a.subject().compareTo(b.subject());
    }
}
