package cn.minhang.policy.props;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ComputeExpense;
import cn.minhang.policy.model.OtherAward;

/**
 * What every decision must satisfy, whatever the application: checked on every generated application and on
 * every fuzzed document the reader accepts. Each check throws an {@link AssertionError} that says which line
 * broke which invariant.
 */
final class Invariants {
    private static final BigDecimal ZERO = new BigDecimal("0.00");
    /** The period of validity the brief gives as the default reading (placeholders of the draft). */
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2027, 12, 31);

    private Invariants() {
    }

    static void check(Application a, Decision d) {
        amountsAreToTheFenAndTotalsAddUp(d);
        statusesAgreeWithAmounts(d);
        capsHoldAndMatchThePolicyTable(d);
        aggregatesHold(a, d);
        oneAwardPerSubject(a, d);
        noOtherChoiceGivesTheApplicantMore(a, d);
        generalConditionsHold(a, d);
        measuresNotApplicableHaveNoLines(d);
    }

    /** The granted total is the sum of the lines, to the fen; so is each clause's total. */
    static void amountsAreToTheFenAndTotalsAddUp(Decision d) {
        BigDecimal sum = ZERO;
        Map<String, BigDecimal> byClause = new HashMap<>();
        for (AwardLine l : d.lines()) {
            require(l.amount().scale() == 2, l, "its amount is not written to the fen");
            sum = sum.add(l.amount());
            byClause.merge(l.clause().id(), l.amount(), BigDecimal::add);
        }
        require(d.totalGranted().scale() == 2, null, "the total " + d.totalGranted() + " is not written to the fen");
        require(d.totalGranted().equals(sum), null, "the total " + d.totalGranted() + " is not the sum of the lines, "
                + sum);
        byClause.values().removeIf(v -> v.signum() == 0);
        require(d.totalsByClause().equals(new TreeMap<>(byClause)) || sameAmounts(d.totalsByClause(), byClause), null,
                "the totals by clause " + d.totalsByClause() + " are not the sums of their lines " + byClause);
        BigDecimal withoutCeilings = d.lines().stream().filter(l -> l.status() != Status.CEILING)
                .map(AwardLine::amount).reduce(ZERO, BigDecimal::add);
        require(withoutCeilings.compareTo(d.totalGranted()) == 0, null, "a discretionary ceiling counts in the total");
    }

    private static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        return a.size() == b.size() && a.entrySet().stream()
                .allMatch(e -> b.containsKey(e.getKey()) && b.get(e.getKey()).compareTo(e.getValue()) == 0);
    }

    /** Lines that grant nothing add nothing; granted lines add what their arithmetic says. */
    static void statusesAgreeWithAmounts(Decision d) {
        for (AwardLine l : d.lines()) {
            switch (l.status()) {
                case NOT_ELIGIBLE, EXCLUDED, SUPPORT, CEILING -> require(l.amount().signum() == 0, l,
                        "a line that grants nothing adds " + l.amount());
                case GRANTED, CAPPED -> {
                    require(l.amount().signum() >= 0, l, "a granted amount is negative");
                    require(l.amount().equals(candidate(l)), l, "the granted amount is not min(base × rate, cap) "
                            + "rounded once to the fen, " + candidate(l));
                    boolean over = l.cap() != null && l.computed().compareTo(l.cap()) > 0;
                    require(over == (l.status() == Status.CAPPED), l, "CAPPED must mean base × rate exceeds the cap");
                }
                case AGGREGATE_CAP -> require(l.amount().signum() < 0, l, "an aggregate cap must reduce the total");
            }
        }
    }

    /** What a monetary line would grant if it stood: min(base × rate, cap), rounded once to the fen. */
    static BigDecimal candidate(AwardLine l) {
        require(l.base() != null && l.rate() != null && l.computed() != null, l, "a monetary line without arithmetic");
        require(l.computed().compareTo(l.base().multiply(l.rate())) == 0, l, "computed is not base × rate");
        BigDecimal limited = l.cap() != null && l.computed().compareTo(l.cap()) > 0 ? l.cap() : l.computed();
        return limited.setScale(2, RoundingMode.HALF_UP);
    }

    /** No line exceeds its clause's cap; each rule's cap and rate are the policy's. */
    static void capsHoldAndMatchThePolicyTable(Decision d) {
        for (AwardLine l : d.lines()) {
            if (!l.clause().isMeasureClause()) {
                continue;
            }
            PolicyTable.Clause table = PolicyTable.of(l.clause().id());
            switch (l.status()) {
                case GRANTED, CAPPED, EXCLUDED -> {
                    require(table.monetary(), l, "clause " + table.id() + " gives no money, but the line is " + l.status());
                    require(sameAmount(l.cap(), table.perItem()), l, "the rule's cap " + l.cap()
                            + " is not the policy's " + table.perItem());
                    require(l.rate().compareTo(table.rate()) == 0, l, "the rule's rate " + l.rate()
                            + " is not the policy's " + table.rate());
                    if (table.perItem() != null) {
                        require(l.amount().compareTo(table.perItem()) <= 0, l, "the line exceeds the cap "
                                + table.perItem());
                        require(candidate(l).compareTo(table.perItem()) <= 0, l, "the candidate exceeds the cap");
                    }
                }
                case CEILING -> {
                    require(table.kind() == PolicyTable.Kind.DISCRETIONARY, l, "a ceiling of a clause that is not "
                            + "discretionary");
                    // “给予引荐方上限3000万元”: what review can still set is within what the aggregate cap leaves.
                    BigDecimal expected = table.perItem();
                    if (table.aggregate() != null) {
                        BigDecimal granted = d.lines().stream().filter(o -> o.clause().id().equals(l.clause().id())
                                && o.status().granted()).map(AwardLine::amount).reduce(ZERO, BigDecimal::add);
                        expected = expected.min(table.aggregate().subtract(granted).max(ZERO));
                    }
                    require(sameAmount(l.cap(), expected), l, "the ceiling " + l.cap() + " is not the policy's "
                            + table.perItem() + " within what its aggregate cap leaves, " + expected);
                }
                case SUPPORT -> require(!table.monetary() || l.cap() == null, l, "support with a cap");
                case AGGREGATE_CAP -> require(sameAmount(l.cap(), table.aggregate()), l, "the aggregate cap "
                        + l.cap() + " is not the policy's " + table.aggregate());
                case NOT_ELIGIBLE -> {
                }
            }
        }
    }

    /** No clause grants more in sum than its aggregate cap, and an aggregate cap cuts exactly down to the cap. */
    static void aggregatesHold(Application a, Decision d) {
        Map<String, Integer> yearOf = new HashMap<>();
        for (ComputeExpense e : a.computeExpenses()) {
            yearOf.put(e.id(), e.year());
        }
        Map<String, BigDecimal> gross = new TreeMap<>();
        Map<String, BigDecimal> reductions = new TreeMap<>();
        for (AwardLine l : d.lines()) {
            if (!l.clause().isMeasureClause()) {
                continue;
            }
            if (l.status().granted()) {
                String group = l.clause().id().equals("1.2") ? String.valueOf(yearOf.get(l.subject())) : "";
                gross.merge(l.clause().id() + "/" + group, l.amount(), BigDecimal::add);
            } else if (l.status() == Status.AGGREGATE_CAP) {
                String key = l.clause().id() + "/" + l.group();
                require(!reductions.containsKey(key), l, "two aggregate-cap lines for one group");
                reductions.put(key, l.amount());
            }
        }
        for (String key : reductions.keySet()) {
            require(gross.containsKey(key), null, "an aggregate cap line for " + key + " without granted lines");
        }
        for (Map.Entry<String, BigDecimal> g : gross.entrySet()) {
            String clause = g.getKey().substring(0, g.getKey().indexOf('/'));
            BigDecimal cap = PolicyTable.of(clause).aggregate();
            BigDecimal net = g.getValue().add(reductions.getOrDefault(g.getKey(), ZERO));
            if (cap == null) {
                require(!reductions.containsKey(g.getKey()), null, "clause " + clause + " has no aggregate cap, but "
                        + "its lines were cut");
            } else {
                BigDecimal expected = g.getValue().min(cap).setScale(2, RoundingMode.HALF_UP);
                require(net.compareTo(expected) == 0, null, "clause " + g.getKey() + " grants " + net + " in sum: "
                        + g.getValue() + " before its aggregate cap of " + cap + " should come to " + expected);
            }
        }
    }

    /**
     * 从优、就高、不重复: for each subject this policy grants at most one award; it is a highest one (at least every
     * other eligible claim for the subject and every award under another policy for it; ties go to this policy, then
     * to the lower clause), and every award under another policy for the subject is then forgone. Where another
     * policy's award is higher, this policy grants nothing for the subject and says which award stands. (Two awards
     * under other policies for one subject are a matter between those policies.)
     */
    static void oneAwardPerSubject(Application a, Decision d) {
        Contest contest = Contest.of(a, d);
        boolean capBinds = contest.naiveBinds();
        Map<String, List<AwardLine>> bySubject = d.lines().stream()
                .filter(l -> l.clause().isMeasureClause() && (l.status().granted() || l.status() == Status.EXCLUDED))
                .collect(Collectors.groupingBy(AwardLine::subject, TreeMap::new, Collectors.toList()));
        Map<String, List<OtherAward>> others = a.otherAwards().stream()
                .collect(Collectors.groupingBy(OtherAward::subject));
        Map<String, ForgoneAward> forgone = new HashMap<>();
        for (ForgoneAward f : d.forgone()) {
            require(forgone.put(f.award().id(), f) == null, null, "the award " + f.award().id() + " is forgone twice");
        }
        for (Map.Entry<String, List<AwardLine>> s : bySubject.entrySet()) {
            List<AwardLine> granted = s.getValue().stream().filter(l -> l.status().granted()).toList();
            List<OtherAward> theirs = others.getOrDefault(s.getKey(), List.of());
            require(granted.size() <= 1, null, "subject " + s.getKey() + " is granted " + granted.size() + " awards: "
                    + granted.stream().map(l -> l.clause().id()).toList());
            if (granted.size() == 1) {
                AwardLine g = granted.get(0);
                for (AwardLine e : s.getValue()) {
                    if (e == g) {
                        continue;
                    }
                    int cmp = candidate(e).compareTo(g.amount());
                    require(capBinds || cmp < 0 || cmp == 0 && g.clause().rank() < e.clause().rank(), e,
                            "excluded, but it is higher than (or ties with a later clause than) the granted " + g.clause().id());
                    require(e.excludedBy() != null && g.clause().id().equals(e.excludedBy().clause())
                            && e.excludedBy().amount().compareTo(g.amount()) == 0, e, "does not name the award that "
                            + "stands, " + g.clause().id() + " " + g.amount());
                }
                for (OtherAward o : theirs) {
                    require(o.amount().compareTo(g.amount()) <= 0, g, "granted, but the award " + o.id() + " under "
                            + o.policy() + " is higher: " + o.amount() + " (not even a cap makes a lower award worth more)");
                    ForgoneAward f = forgone.get(o.id());
                    require(f != null && f.winningClause().equals(g.clause().id())
                            && f.winningAmount().compareTo(g.amount()) == 0, g, "the award " + o.id() + " under another "
                            + "policy for the same subject is not reported as forgone");
                }
            } else {
                Optional<OtherAward> highest = theirs.stream().max(Comparator.comparing(OtherAward::amount)
                        .thenComparing(OtherAward::id, Comparator.reverseOrder()));
                for (AwardLine e : s.getValue()) {
                    require(highest.isPresent(), e, "excluded, but nothing is granted for its subject");
                    require(capBinds || highest.get().amount().compareTo(candidate(e)) > 0, e, "excluded by another "
                            + "policy's award that is not higher: " + highest.get().amount());
                    require(e.excludedBy() != null && !e.excludedBy().thisPolicy()
                            && highest.get().id().equals(e.excludedBy().otherAwardId()), e, "does not name the highest "
                            + "award under another policy, " + highest.get().id());
                }
                for (OtherAward o : theirs) {
                    require(!forgone.containsKey(o.id()), null, "the award " + o.id() + " is forgone, but this policy "
                            + "grants nothing for " + s.getKey());
                }
            }
        }
        for (ForgoneAward f : d.forgone()) {
            require(bySubject.containsKey(f.award().subject()), null, "the award " + f.award().id()
                    + " is forgone for a subject this policy grants nothing for");
        }
    }

    /**
     * 从优 with the aggregate caps in view, checked by brute force: of every choice of one candidate per subject
     * (one of this policy's awards for it, or its highest award under another policy), none gives the applicant
     * more in all, this policy's total after the caps plus the awards under other policies kept; and of the choices
     * that give as much, the decision's gives this policy the most, then takes the subjects in id order each with
     * its preferred candidate (this policy's by clause, then the other award). The caps and groups come from the
     * test's copy of the brief. Applications with too many choices to enumerate are left to the other checks.
     */
    static boolean noOtherChoiceGivesTheApplicantMore(Application a, Decision d) {
        Contest contest = Contest.of(a, d);
        long choices = 1;
        for (List<Contest.Option> options : contest.options.values()) {
            choices *= options.size();
            if (choices > 20_000) {
                return false;
            }
        }
        List<String> subjects = new java.util.ArrayList<>(contest.options.keySet());
        int[] index = new int[subjects.size()];
        int[] best = null;
        BigDecimal bestR = null;
        BigDecimal bestT = null;
        while (true) {
            BigDecimal[] rt = contest.receipts(subjects, index);
            if (best == null || rt[0].compareTo(bestR) > 0 || rt[0].compareTo(bestR) == 0 && rt[1].compareTo(bestT) > 0) {
                best = index.clone();
                bestR = rt[0];
                bestT = rt[1];
            }
            int i = subjects.size() - 1;
            while (i >= 0 && ++index[i] == contest.options.get(subjects.get(i)).size()) {
                index[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
        }
        int[] decided = new int[subjects.size()];
        for (int i = 0; i < subjects.size(); i++) {
            decided[i] = contest.decided(subjects.get(i));
        }
        BigDecimal[] rt = contest.receipts(subjects, decided);
        require(rt[0].compareTo(bestR) == 0, null, "another choice of winners gives the applicant " + bestR
                + " in all, more than the decision's " + rt[0] + ": " + contest.describe(subjects, best));
        require(rt[1].compareTo(bestT) == 0, null, "another choice that gives the applicant as much gives this policy's "
                + "award more, " + bestT + " against " + rt[1] + ": " + contest.describe(subjects, best));
        require(java.util.Arrays.equals(decided, best), null, "of the choices that tie, the decision's "
                + contest.describe(subjects, decided) + " is not the first in the order of ties, "
                + contest.describe(subjects, best));
        require(d.totalGranted().compareTo(bestT) == 0, null, "the total " + d.totalGranted() + " is not this policy's "
                + "share of the best choice after the caps, " + bestT);
        return true;
    }

    /** The candidates of every subject a decision had to choose for, read from its lines and the application. */
    static final class Contest {
        /** A candidate: a clause of this policy (rival null) or the highest award under another policy. */
        record Option(AwardLine line, OtherAward rival, BigDecimal amount, String capGroup) {
        }

        final Map<String, List<Option>> options = new TreeMap<>();
        final Map<String, AwardLine> granted = new HashMap<>();

        static Contest of(Application a, Decision d) {
            Map<String, Integer> yearOf = new HashMap<>();
            for (ComputeExpense e : a.computeExpenses()) {
                yearOf.put(e.id(), e.year());
            }
            Contest c = new Contest();
            for (AwardLine l : d.lines()) {
                if (!l.clause().isMeasureClause() || !(l.status().granted() || l.status() == Status.EXCLUDED)) {
                    continue;
                }
                String group = PolicyTable.of(l.clause().id()).aggregate() == null ? null
                        : l.clause().id() + "/" + (l.clause().id().equals("1.2") ? yearOf.get(l.subject()) : "");
                c.options.computeIfAbsent(l.subject(), k -> new java.util.ArrayList<>())
                        .add(new Option(l, null, candidate(l), group));
                if (l.status().granted()) {
                    c.granted.put(l.subject(), l);
                }
            }
            for (List<Option> options : c.options.values()) {
                options.sort(Comparator.comparingInt(o -> o.line().clause().rank()));
            }
            Map<String, OtherAward> highest = new HashMap<>();
            for (OtherAward o : a.otherAwards()) {
                highest.merge(o.subject(), o, (x, y) -> x.amount().compareTo(y.amount()) > 0
                        || x.amount().compareTo(y.amount()) == 0 && x.id().compareTo(y.id()) < 0 ? x : y);
            }
            for (Map.Entry<String, List<Option>> e : c.options.entrySet()) {
                OtherAward o = highest.get(e.getKey());
                if (o != null) {
                    e.getValue().add(new Option(null, o, o.amount(), null));
                }
            }
            return c;
        }

        int decided(String subject) {
            AwardLine g = granted.get(subject);
            List<Option> options = this.options.get(subject);
            for (int k = 0; k < options.size(); k++) {
                if (g == null ? options.get(k).rival() != null : options.get(k).line() == g) {
                    return k;
                }
            }
            throw new AssertionError("subject " + subject + " has no award that stands");
        }

        /** {receipts in all, this policy's share} of one choice. */
        BigDecimal[] receipts(List<String> subjects, int[] choice) {
            Map<String, BigDecimal> groups = new HashMap<>();
            BigDecimal uncapped = ZERO;
            BigDecimal kept = ZERO;
            for (int i = 0; i < subjects.size(); i++) {
                Option o = options.get(subjects.get(i)).get(choice[i]);
                if (o.rival() != null) {
                    kept = kept.add(o.amount());
                } else if (o.capGroup() == null) {
                    uncapped = uncapped.add(o.amount());
                } else {
                    groups.merge(o.capGroup(), o.amount(), BigDecimal::add);
                }
            }
            BigDecimal mine = uncapped;
            for (Map.Entry<String, BigDecimal> g : groups.entrySet()) {
                BigDecimal cap = PolicyTable.of(g.getKey().substring(0, g.getKey().indexOf('/'))).aggregate();
                mine = mine.add(g.getValue().min(cap));
            }
            return new BigDecimal[]{mine.add(kept), mine};
        }

        /** Whether choosing each subject's highest candidate on its own makes an aggregate cap bind. */
        boolean naiveBinds() {
            Map<String, BigDecimal> groups = new HashMap<>();
            for (List<Option> options : this.options.values()) {
                Option best = null;
                for (Option o : options) {
                    if (o.rival() == null && (best == null || o.amount().compareTo(best.amount()) > 0)) {
                        best = o;
                    }
                }
                Option rival = options.get(options.size() - 1).rival() != null ? options.get(options.size() - 1) : null;
                if (best != null && (rival == null || rival.amount().compareTo(best.amount()) <= 0)
                        && best.capGroup() != null) {
                    groups.merge(best.capGroup(), best.amount(), BigDecimal::add);
                }
            }
            return groups.entrySet().stream().anyMatch(g -> g.getValue().compareTo(
                    PolicyTable.of(g.getKey().substring(0, g.getKey().indexOf('/'))).aggregate()) > 0);
        }

        String describe(List<String> subjects, int[] choice) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < subjects.size(); i++) {
                Option o = options.get(subjects.get(i)).get(choice[i]);
                out.append(i == 0 ? "" : ", ").append(subjects.get(i)).append(" → ")
                        .append(o.rival() != null ? "other award " + o.rival().id() : "clause " + o.line().clause().id())
                        .append(" ").append(o.amount());
            }
            return out.toString();
        }
    }

    /** No money for an applicant that fails a general condition (clause 8 aside for an applicant settling in). */
    static void generalConditionsHold(Application a, Decision d) {
        boolean inPeriod = !a.applicationDate().isBefore(FROM) && !a.applicationDate().isAfter(TO);
        require(d.validity().from().equals(FROM) && d.validity().to().equals(TO), null, "the period of validity "
                + d.validity().from() + " to " + d.validity().to() + " is not the brief's default reading");
        for (AwardLine l : d.lines()) {
            if (!l.status().granted() && l.status() != Status.SUPPORT && l.status() != Status.CEILING) {
                continue;
            }
            require(inPeriod, l, "granted, but the application date " + a.applicationDate() + " is outside the period");
            require(a.enterprise().embodiedAiField(), l, "granted, but the applicant is outside the field");
            require(a.enterprise().locatedInDistrict() || l.clause().id().equals("8"), l,
                    "granted, but the applicant is outside the district");
        }
    }

    static void measuresNotApplicableHaveNoLines(Decision d) {
        Set<Integer> withLines = d.lines().stream().map(l -> l.clause().measure()).collect(Collectors.toSet());
        for (int m : d.measuresNotApplicable()) {
            require(!withLines.contains(m), null, "measure " + m + " is listed as not applicable but has lines");
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static void require(boolean holds, AwardLine line, String what) {
        if (!holds) {
            throw new AssertionError(line == null ? what : "line " + line.clause().id() + " " + line.subject() + " "
                    + line.status() + " " + line.amount() + " (base " + line.base() + ", rate " + line.rate()
                    + ", cap " + line.cap() + ", rules " + line.rules() + "): " + what);
        }
    }

    /** Counts what the generated applications reached, so that a run that reaches nothing fails. */
    static final class Coverage {
        final Map<Status, Integer> statuses = new TreeMap<>();
        final Map<String, Integer> grantedByClause = new TreeMap<>();
        int decisions;
        int withForgone;
        int withExclusionByOtherPolicy;
        int withExclusionByThisPolicy;
        int withTie;
        int bruteForced;
        int withCapInView;
        int changedByTheCap;

        synchronized void add(Application a, Decision d) {
            decisions++;
            if (noOtherChoiceGivesTheApplicantMore(a, d)) {
                bruteForced++;
            }
            if (d.lines().stream().anyMatch(l -> l.readings().stream().anyMatch(r -> r.zh().contains("从优")))) {
                withCapInView++;
            }
            if (d.lines().stream().anyMatch(l -> l.excludedBy() != null && l.excludedBy().addedAfterCap() != null)) {
                changedByTheCap++;
            }
            for (AwardLine l : d.lines()) {
                statuses.merge(l.status(), 1, Integer::sum);
                if (l.status().granted()) {
                    grantedByClause.merge(l.clause().id(), 1, Integer::sum);
                }
            }
            if (!d.forgone().isEmpty()) {
                withForgone++;
            }
            if (d.lines().stream().anyMatch(l -> l.excludedBy() != null && !l.excludedBy().thisPolicy())) {
                withExclusionByOtherPolicy++;
            }
            if (d.lines().stream().anyMatch(l -> l.excludedBy() != null && l.excludedBy().thisPolicy())) {
                withExclusionByThisPolicy++;
            }
            boolean tie = d.lines().stream().anyMatch(l -> l.excludedBy() != null && l.status() == Status.EXCLUDED
                    && l.excludedBy().amount().compareTo(candidate(l)) == 0)
                    || d.forgone().stream().anyMatch(f -> f.award().amount().compareTo(f.winningAmount()) == 0);
            if (tie) {
                withTie++;
            }
        }

        @Override
        public synchronized String toString() {
            return decisions + " decisions; lines by status " + statuses + "; granted by clause " + grantedByClause
                    + "; with a forgone award " + withForgone + ", excluded by another policy "
                    + withExclusionByOtherPolicy + ", excluded by another clause " + withExclusionByThisPolicy
                    + ", with a tie " + withTie + "; brute-forced " + bruteForced + ", chosen with a binding cap in view "
                    + withCapInView + ", an award excluded for what it adds after the cap " + changedByTheCap;
        }
    }
}
