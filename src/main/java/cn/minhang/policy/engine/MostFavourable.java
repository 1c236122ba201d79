package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import java.lang.reflect.RecordComponent;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.Problem;
import org.kie.api.runtime.rule.RuleContext;

/**
 * 从优、就高、不重复 with the aggregate caps in view: which award stands for each subject so that the applicant
 * receives the most in all. The closing paragraph's rule states the principle and calls {@link #choose}; this class
 * only computes it.
 *
 * <p><b>The choice.</b> Every subject with an eligible award of this policy takes exactly one of its candidates: one
 * of this policy's awards for it (one per clause), or the highest award under another policy for it (of two equal
 * ones, the lower id). A choice of one candidate per subject gives the applicant
 * <pre>
 *   R = Σ over capped groups g of min(cap(g), Σ this policy's awards chosen in g)
 *     + Σ this policy's awards chosen in clauses without an aggregate cap
 *     + Σ awards under other policies chosen (kept)
 * </pre>
 * and this policy's total T = R − the awards under other policies kept. The choice made is the one with the
 * highest R; of those, the highest T (a tie goes to this policy's award); of those, the first when subjects are
 * taken in the order of their ids, each subject preferring this policy's awards by clause, then the other award.
 *
 * <p><b>Without a binding cap nothing changes.</b> First the highest candidate of every subject is taken on its
 * own (ties: this policy, then the lower clause). If no aggregate cap binds on that choice, it is the choice above:
 * R can never exceed the sum of every subject's highest candidate, this choice reaches it, and it already takes
 * this policy's award and the lower clause wherever they tie. Only where a cap binds is anything weighed.
 *
 * <p><b>Where a cap binds</b>, the problem is a 0/1 knapsack (NP-hard), and it is reduced before it is searched:
 * a group whose candidates cannot exceed its cap even all together can never bind and counts as uncapped; a
 * subject's candidates outside the groups that can bind compete only with each other, so only the best of them
 * (by amount, then this policy, then clause) stays; a candidate in a group that adds at most min(amount, cap),
 * strictly less than that best candidate outside, can never be chosen; a subject left with one candidate takes
 * it. The subjects left with two or more candidates are <i>in play</i>, and each counts as many
 * <i>alternatives</i> as it has candidates beyond its first. The in-play subjects are searched exactly, depth
 * first in the order of their ids and each subject's candidates in the order of preference, so that the first
 * best choice found is the one the tie-break wants; a branch is cut only when even its upper bound is strictly
 * below the best R found. A subject with k candidates has k ≤ 2^(k−1), so the search visits at most
 * 2^A complete choices for A alternatives; {@link Limits#MAX_WEIGHED_ALTERNATIVES} bounds A, and an application
 * beyond it is refused ({@link TooManyAlternatives}).
 */
public final class MostFavourable {

    private MostFavourable() {
    }

    /**
     * An eligible award of this policy for a subject.
     *
     * @param group the aggregate-cap group within its clause ("2026" for 1.2), "" where the clause has one
     */
    public record Candidate(String subject, String clause, int rank, BigDecimal amount, String group) {
        public Candidate {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(clause, "clause");
            Objects.requireNonNull(amount, "amount");
            group = group == null ? "" : group;
        }

        String capKey() {
            return clause + "\u0000" + group;
        }
    }

    /** The highest award under another policy for a subject, by its id. */
    public record Rival(String subject, String id, BigDecimal amount) {
    }

    /**
     * What was chosen.
     *
     * @param standing for each subject, the candidate of this policy that stands; a subject absent here is won by
     *                 its rival
     * @param weighed  the subjects whose award was chosen with a binding cap in view (empty when no cap binds)
     * @param adds     for each candidate of a weighed subject, what it adds (or would add) to the applicant's
     *                 receipts after its group's cap, the other subjects' choices being as chosen
     * @param visited  the complete choices the search compared (0 when nothing was weighed)
     */
    public record Choice(Map<String, Candidate> standing, Set<String> weighed, Map<Candidate, BigDecimal> adds,
                         long visited) {
        public boolean rivalStands(String subject) {
            return !standing.containsKey(subject);
        }
    }

    /** Too many alternatives to weigh under binding caps: each in-play subject, in id order, with its count. */
    public static final class TooManyAlternatives extends RuntimeException {
        private final Map<String, Integer> alternatives;

        TooManyAlternatives(Map<String, Integer> alternatives) {
            super(alternatives.size() + " subjects with " + total(alternatives) + " alternatives compete under "
                    + "aggregate caps that bind; at most " + Limits.MAX_WEIGHED_ALTERNATIVES + " are weighed");
            this.alternatives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alternatives));
        }

        /** The in-play subjects in id order, each with its candidates beyond the first. */
        public Map<String, Integer> alternatives() {
            return alternatives;
        }

        public int total() {
            return total(alternatives);
        }

        private static int total(Map<String, Integer> alternatives) {
            return alternatives.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * The winners the closing paragraph's rule inserts: one per subject with an eligible award, chosen by
     * {@link #choose}. A winner chosen with a binding cap in view carries the rule's reading and what each of the
     * subject's awards adds after the cap.
     *
     * @throws InvalidApplicationException if more alternatives than {@link Limits#MAX_WEIGHED_ALTERNATIVES} would
     *                                     have to be weighed, naming the subjects beyond the limit by their path
     */
    public static List<Winner> winners(RuleContext rule, Application application, Collection<?> eligible,
                                       Collection<?> otherAwards, Collection<?> aggregateCaps) {
        List<Winner> unweighed = Unweighed.winners(RuleMeta.name(rule), eligible, otherAwards, aggregateCaps);
        return unweighed != null ? unweighed : weighedWinners(rule, application, eligible, otherAwards, aggregateCaps);
    }

    /**
     * The winners where nothing has to be weighed, without the candidates, maps and search of {@link #choose}:
     * each subject's highest award on its own (ties: this policy, then the lower clause), the choice of
     * {@link #choose} when no aggregate cap binds on it, and also where one binds but leaves nothing to weigh
     * ({@link #nothingToWeigh}). Null otherwise (or where one subject has two claims of one clause): then
     * {@link #weighedWinners} chooses.
     */
    private static final class Unweighed {
        /** By subject, then as {@link #choose} lists a subject's candidates: by clause. */
        private static final Comparator<Claim> BY_SUBJECT_THEN_CLAUSE = (a, b) -> {
            int c = a.subject().compareTo(b.subject());
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a.rank(), b.rank());
            return c != 0 ? c : a.clause().compareTo(b.clause());
        };

        private Unweighed() {
        }

        static List<Winner> winners(String rule, Collection<?> eligible, Collection<?> otherAwards,
                                    Collection<?> aggregateCaps) {
            Claim[] claims = new Claim[eligible.size()];
            int n = 0;
            for (Object o : eligible) {
                Claim c = ((Eligible) o).claim();
                Objects.requireNonNull(c.amount(), "amount");
                claims[n++] = c;
            }
            Arrays.sort(claims, BY_SUBJECT_THEN_CLAUSE);
            Map<String, OtherAward> highest = highest(otherAwards);
            Map<String, BigDecimal> caps = caps(aggregateCaps);
            List<Winner> winners = new ArrayList<>(claims.length);
            List<Load> loads = caps.isEmpty() ? null : new ArrayList<>(2);
            for (int from = 0; from < claims.length; ) {
                String subject = claims[from].subject();
                int to = from + 1;
                while (to < claims.length && claims[to].subject().equals(subject)) {
                    if (claims[to].clause().equals(claims[to - 1].clause())) {
                        return null;
                    }
                    to++;
                }
                Claim best = best(claims, from, to);
                OtherAward rival = highest == null ? null : highest.get(subject);
                if (rival == null || rival.amount().compareTo(best.amount()) <= 0) {
                    if (loads != null && caps.containsKey(best.clause())) {
                        Load.add(loads, best);
                    }
                    winners.add(new Winner(subject, best, null, best.amount(), rule, null, null));
                } else {
                    winners.add(new Winner(subject, null, rival, rival.amount(), rule, null, null));
                }
                from = to;
            }
            if (loads == null || !Load.binds(loads, caps)) {
                return winners;
            }
            return nothingToWeigh(claims, highest, caps) ? winners : null;
        }

        /**
         * True where a cap binds but no subject has anything to weigh: every subject with a candidate in a group
         * whose candidates could exceed its cap all together has that candidate alone (no other clause, no award
         * under another policy). The search would then fix every subject to the choice each makes on its own, weigh
         * none, and find the same winners.
         */
        private static boolean nothingToWeigh(Claim[] claims, Map<String, OtherAward> highest,
                                              Map<String, BigDecimal> caps) {
            List<Load> all = new ArrayList<>(2);
            for (Claim c : claims) {
                if (caps.containsKey(c.clause())) {
                    Load.add(all, c);
                }
            }
            for (int from = 0; from < claims.length; ) {
                String subject = claims[from].subject();
                int to = from + 1;
                while (to < claims.length && claims[to].subject().equals(subject)) {
                    to++;
                }
                boolean alone = to - from == 1 && (highest == null || !highest.containsKey(subject));
                if (!alone) {
                    for (int i = from; i < to; i++) {
                        if (caps.containsKey(claims[i].clause()) && Load.of(all, claims[i]).exceeds(caps)) {
                            return false;
                        }
                    }
                }
                from = to;
            }
            return true;
        }

        /** The first of the subject's claims by {@link #HIGHEST_THEN_CLAUSE}. */
        private static Claim best(Claim[] claims, int from, int to) {
            Claim best = claims[from];
            for (int i = from + 1; i < to; i++) {
                Claim c = claims[i];
                int by = c.amount().compareTo(best.amount());
                if (by > 0 || by == 0 && (c.rank() < best.rank()
                        || c.rank() == best.rank() && c.clause().compareTo(best.clause()) < 0)) {
                    best = c;
                }
            }
            return best;
        }

        /** The highest award under another policy for each subject (of two equal ones, the lower id). */
        private static Map<String, OtherAward> highest(Collection<?> otherAwards) {
            if (otherAwards.isEmpty()) {
                return null;
            }
            Map<String, OtherAward> highest = new HashMap<>();
            for (Object o : otherAwards) {
                OtherAward award = (OtherAward) o;
                highest.merge(award.subject(), award, MostFavourable::higher);
            }
            return highest;
        }

        private static Map<String, BigDecimal> caps(Collection<?> aggregateCaps) {
            if (aggregateCaps.isEmpty()) {
                return Map.of();
            }
            Map<String, BigDecimal> caps = new HashMap<>();
            for (Object o : aggregateCaps) {
                AggregateCap cap = (AggregateCap) o;
                caps.merge(cap.clause(), cap.cap(), BigDecimal::min);
            }
            return caps;
        }

        /** What the chosen awards of one aggregate-cap group add up to. */
        private static final class Load {
            final String clause;
            final String group;
            BigDecimal total;

            private Load(Claim first) {
                clause = first.clause();
                group = first.group();
                total = first.amount();
            }

            static void add(List<Load> loads, Claim c) {
                Load l = of(loads, c);
                if (l == null) {
                    loads.add(new Load(c));
                } else {
                    l.total = l.total.add(c.amount());
                }
            }

            /** The load of the group of {@code c}; null where there is none yet. */
            static Load of(List<Load> loads, Claim c) {
                for (Load l : loads) {
                    if (l.clause.equals(c.clause()) && l.group.equals(c.group())) {
                        return l;
                    }
                }
                return null;
            }

            boolean exceeds(Map<String, BigDecimal> caps) {
                return total.compareTo(caps.get(clause)) > 0;
            }

            static boolean binds(List<Load> loads, Map<String, BigDecimal> caps) {
                for (Load l : loads) {
                    if (l.exceeds(caps)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    /** Of two awards under other policies for one subject, the higher; of two equal ones, the lower id. */
    private static OtherAward higher(OtherAward x, OtherAward y) {
        int c = x.amount().compareTo(y.amount());
        return c > 0 || c == 0 && x.id().compareTo(y.id()) < 0 ? x : y;
    }

    /** The winners {@link #choose} picks, with what each award adds after its cap where a binding cap was weighed. */
    private static List<Winner> weighedWinners(RuleContext rule, Application application, Collection<?> eligible,
                                               Collection<?> otherAwards, Collection<?> aggregateCaps) {
        Map<Candidate, Claim> claims = new HashMap<>();
        for (Object o : eligible) {
            Claim c = ((Eligible) o).claim();
            claims.put(new Candidate(c.subject(), c.clause(), c.rank(), c.amount(), c.group()), c);
        }
        Set<String> subjects = new HashSet<>();
        claims.keySet().forEach(c -> subjects.add(c.subject()));
        Map<String, OtherAward> highest = new HashMap<>();
        for (Object o : otherAwards) {
            OtherAward award = (OtherAward) o;
            if (subjects.contains(award.subject())) {
                highest.merge(award.subject(), award, MostFavourable::higher);
            }
        }
        Map<String, Rival> rivals = new HashMap<>();
        highest.forEach((subject, award) -> rivals.put(subject, new Rival(subject, award.id(), award.amount())));
        Map<String, BigDecimal> caps = new HashMap<>();
        for (Object o : aggregateCaps) {
            AggregateCap cap = (AggregateCap) o;
            caps.merge(cap.clause(), cap.cap(), BigDecimal::min);
        }
        Choice choice;
        try {
            choice = choose(claims.keySet(), rivals, caps);
        } catch (TooManyAlternatives e) {
            throw new InvalidApplicationException(problems(application, e));
        }
        String name = RuleMeta.name(rule);
        TextReading reading = RuleMeta.reading(rule);
        Map<String, Map<String, BigDecimal>> adds = new HashMap<>();
        choice.adds().forEach((c, a) -> adds.computeIfAbsent(c.subject(), k -> new HashMap<>()).put(c.clause(), a));
        List<Winner> winners = new ArrayList<>(subjects.size());
        for (String subject : new java.util.TreeSet<>(subjects)) {
            boolean weighed = choice.weighed().contains(subject);
            TextReading why = weighed ? reading : null;
            Map<String, BigDecimal> worth = weighed ? adds.get(subject) : null;
            Candidate standing = choice.standing().get(subject);
            if (standing != null) {
                Claim c = claims.get(standing);
                winners.add(new Winner(subject, c, null, c.amount(), name, why, worth));
            } else {
                OtherAward award = highest.get(subject);
                winners.add(new Winner(subject, null, award, award.amount(), name, why, worth));
            }
        }
        return winners;
    }

    /** The subjects that take the alternatives beyond the limit, each at the path of its first fact. */
    private static List<Problem> problems(Application application, TooManyAlternatives e) {
        List<Problem> problems = new ArrayList<>();
        int running = 0;
        for (Map.Entry<String, Integer> s : e.alternatives().entrySet()) {
            running += s.getValue();
            if (running > Limits.MAX_WEIGHED_ALTERNATIVES) {
                problems.add(new Problem(path(application, s.getKey()), "competes under an aggregate cap that binds "
                        + "with " + (s.getValue() + 1) + " candidate awards, which takes the alternatives to weigh to "
                        + running + "; at most " + Limits.MAX_WEIGHED_ALTERNATIVES + " alternatives (candidate awards "
                        + "beyond each subject's first) are weighed in one application, and this one has "
                        + e.total() + " over " + e.alternatives().size() + " subjects"));
            }
        }
        return problems;
    }

    /** "$.purchases[2].id" for the first fact whose id is {@code subject}; "$.enterprise.id" for the enterprise. */
    static String path(Application application, String subject) {
        for (RecordComponent c : Application.class.getRecordComponents()) {
            if (c.getType() != List.class) {
                continue;
            }
            List<?> items = (List<?>) value(c, application);
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                if (item instanceof OtherAward) {
                    break;
                }
                for (RecordComponent f : item.getClass().getRecordComponents()) {
                    if (f.getName().equals("id") && subject.equals(value(f, item))) {
                        return "$." + c.getName() + "[" + i + "].id";
                    }
                }
            }
        }
        return subject.equals(application.enterprise().id()) ? "$.enterprise.id" : "$";
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }

    /** The candidate a subject prefers on its own: the highest, then the lower clause. */
    private static final Comparator<Candidate> HIGHEST_THEN_CLAUSE = Comparator
            .comparing(Candidate::amount, Comparator.reverseOrder())
            .thenComparingInt(Candidate::rank)
            .thenComparing(Candidate::clause);

    /**
     * Chooses the award that stands for every subject of {@code candidates}.
     *
     * @param candidates every eligible award of this policy
     * @param rivals     the highest award under another policy for each subject that has one (others are ignored)
     * @param caps       the aggregate cap of each clause that has one
     * @throws TooManyAlternatives if a binding cap leaves more than {@link Limits#MAX_WEIGHED_ALTERNATIVES}
     *                             alternatives to weigh
     */
    public static Choice choose(Collection<Candidate> candidates, Map<String, Rival> rivals,
                                Map<String, BigDecimal> caps) {
        TreeMap<String, List<Candidate>> bySubject = new TreeMap<>();
        for (Candidate c : candidates) {
            bySubject.computeIfAbsent(c.subject(), k -> new ArrayList<>(2)).add(c);
        }
        for (List<Candidate> list : bySubject.values()) {
            list.sort(Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::clause));
        }

        // Each subject on its own: its highest candidate; an award under another policy only if strictly higher.
        Map<String, Candidate> naive = new HashMap<>();
        Map<String, BigDecimal> naiveLoad = new HashMap<>();
        for (Map.Entry<String, List<Candidate>> e : bySubject.entrySet()) {
            Candidate best = e.getValue().stream().min(HIGHEST_THEN_CLAUSE).orElseThrow();
            Rival rival = rivals.get(e.getKey());
            if (rival == null || rival.amount().compareTo(best.amount()) <= 0) {
                naive.put(e.getKey(), best);
                if (caps.containsKey(best.clause())) {
                    naiveLoad.merge(best.capKey(), best.amount(), BigDecimal::add);
                }
            }
        }
        boolean binds = false;
        for (Map.Entry<String, BigDecimal> load : naiveLoad.entrySet()) {
            String clause = load.getKey().substring(0, load.getKey().indexOf('\u0000'));
            if (load.getValue().compareTo(caps.get(clause)) > 0) {
                binds = true;
                break;
            }
        }
        if (!binds) {
            return new Choice(naive, Set.of(), Map.of(), 0);
        }
        return new Search(bySubject, rivals, caps).run();
    }

    /** The exact search, where a cap binds. Amounts are whole numbers of the smallest unit any amount uses. */
    private static final class Search {
        private final TreeMap<String, List<Candidate>> bySubject;
        private final Map<String, Rival> rivals;
        private final Map<String, BigDecimal> caps;
        private final int scale;

        // The groups that can bind, by index.
        private final Map<String, Integer> groupIndex = new LinkedHashMap<>();
        private long[] cap;
        private long[] fixedLoad;

        // The in-play subjects, in id order; for each, its options in the order of preference.
        private final List<String> inPlay = new ArrayList<>();
        private final List<Option[]> options = new ArrayList<>();
        private final Map<String, Option> fixed = new HashMap<>();

        private long visited;
        private long bestR = Long.MIN_VALUE;
        private long bestT = Long.MIN_VALUE;
        private int[] best;

        /** This policy's awards by clause, then the other award. */
        private static final Comparator<Option> PREFERENCE = Comparator.comparing((Option o) -> !o.thisPolicy())
                .thenComparingInt(o -> o.thisPolicy() ? o.candidate().rank() : 0)
                .thenComparing(o -> o.thisPolicy() ? o.candidate().clause() : "");

        /** One candidate as the search sees it: in a group that can bind (group ≥ 0) or outside (value fixed). */
        private record Option(Candidate candidate, Rival rival, int group, long value) {
            boolean thisPolicy() {
                return candidate != null;
            }
        }

        Search(TreeMap<String, List<Candidate>> bySubject, Map<String, Rival> rivals, Map<String, BigDecimal> caps) {
            this.bySubject = bySubject;
            this.rivals = rivals;
            this.caps = caps;
            int s = 2;
            for (BigDecimal c : caps.values()) {
                s = Math.max(s, c.stripTrailingZeros().scale());
            }
            for (List<Candidate> list : bySubject.values()) {
                for (Candidate c : list) {
                    s = Math.max(s, c.amount().stripTrailingZeros().scale());
                }
            }
            this.scale = s;
        }

        private long units(BigDecimal amount) {
            return amount.setScale(scale).unscaledValue().longValueExact();
        }

        private BigDecimal amount(long units) {
            return BigDecimal.valueOf(units, scale);
        }

        Choice run() {
            Set<Candidate> removed = new HashSet<>();
            Map<String, Boolean> couldBind = canBind(removed);
            Map<String, Boolean> canBind = reduce(couldBind, removed);
            indexGroups(canBind);
            Set<String> weighed = new HashSet<>();
            Map<String, Integer> alternatives = new LinkedHashMap<>();
            int total = 0;
            for (Map.Entry<String, List<Candidate>> e : bySubject.entrySet()) {
                total += options(e.getKey(), e.getValue(), canBind, couldBind, removed, weighed, alternatives);
            }
            if (total > Limits.MAX_WEIGHED_ALTERNATIVES) {
                throw new TooManyAlternatives(alternatives);
            }

            int[] current = new int[inPlay.size()];
            best = new int[inPlay.size()];
            search(0, fixedLoad.clone(), 0, 0, current);

            Map<String, Candidate> standing = new HashMap<>();
            long[] load = fixedLoad.clone();
            standing(standing, load);
            return new Choice(standing, weighed, adds(weighed, standing, load), visited);
        }

        /** For each group with a cap, whether its candidates not removed exceed the cap all together. */
        private Map<String, Boolean> canBind(Set<Candidate> removed) {
            Map<String, BigDecimal> most = new HashMap<>();
            for (List<Candidate> list : bySubject.values()) {
                for (Candidate c : list) {
                    if (caps.containsKey(c.clause()) && !removed.contains(c)) {
                        most.merge(c.capKey(), c.amount(), BigDecimal::add);
                    }
                }
            }
            Map<String, Boolean> canBind = new HashMap<>();
            for (Map.Entry<String, BigDecimal> m : most.entrySet()) {
                String clause = m.getKey().substring(0, m.getKey().indexOf('\u0000'));
                canBind.put(m.getKey(), m.getValue().compareTo(caps.get(clause)) > 0);
            }
            return canBind;
        }

        /**
         * Removes the candidates that can never stand until nothing changes (removing one may leave a group unable
         * to bind), starting from {@code canBind}; the groups that can bind at the end.
         */
        private Map<String, Boolean> reduce(Map<String, Boolean> first, Set<Candidate> removed) {
            Map<String, Boolean> canBind = first;
            while (removeDominated(canBind, removed)) {
                canBind = canBind(removed);
            }
            return canBind;
        }

        /** Removes every candidate in a group that can bind that adds less than its subject's best outside. */
        private boolean removeDominated(Map<String, Boolean> canBind, Set<Candidate> removed) {
            boolean changed = false;
            for (Map.Entry<String, List<Candidate>> e : bySubject.entrySet()) {
                Option outside = outside(e.getValue(), rivals.get(e.getKey()), canBind, removed);
                if (outside == null) {
                    continue;
                }
                for (Candidate c : e.getValue()) {
                    if (!removed.contains(c) && canBind.getOrDefault(c.capKey(), false)
                            && units(c.amount().min(caps.get(c.clause()))) < outside.value()) {
                        removed.add(c);
                        changed = true;
                    }
                }
            }
            return changed;
        }

        private void indexGroups(Map<String, Boolean> canBind) {
            for (Map.Entry<String, Boolean> b : canBind.entrySet()) {
                if (b.getValue()) {
                    groupIndex.put(b.getKey(), groupIndex.size());
                }
            }
            cap = new long[groupIndex.size()];
            fixedLoad = new long[groupIndex.size()];
            for (Map.Entry<String, Integer> g : groupIndex.entrySet()) {
                String clause = g.getKey().substring(0, g.getKey().indexOf('\u0000'));
                cap[g.getValue()] = units(caps.get(clause));
            }
        }

        /**
         * A subject's options in the order of preference: fixed where it has one, else in play. The alternatives
         * it adds to the search.
         */
        private int options(String subject, List<Candidate> candidates, Map<String, Boolean> canBind,
                            Map<String, Boolean> couldBind, Set<Candidate> removed, Set<String> weighed,
                            Map<String, Integer> alternatives) {
            Rival rival = rivals.get(subject);
            Option outside = outside(candidates, rival, canBind, removed);
            List<Option> mine = new ArrayList<>();
            boolean touchesBindingGroup = false;
            for (Candidate c : candidates) {
                Integer g = groupIndex.get(c.capKey());
                if (couldBind.getOrDefault(c.capKey(), false)) {
                    touchesBindingGroup = true;
                }
                if (g != null && !removed.contains(c)) {
                    mine.add(new Option(c, null, g, units(c.amount())));
                }
            }
            if (outside != null) {
                mine.add(outside);
            }
            // This policy's awards by clause, then the other award: the order of preference on a tie.
            mine.sort(PREFERENCE);
            int count = candidates.size() + (rival == null ? 0 : 1);
            if (count > 1 && touchesBindingGroup) {
                weighed.add(subject);
            }
            if (mine.size() == 1) {
                Option only = mine.get(0);
                fixed.put(subject, only);
                if (only.group() >= 0) {
                    fixedLoad[only.group()] += only.value();
                }
                return 0;
            }
            inPlay.add(subject);
            options.add(mine.toArray(new Option[0]));
            alternatives.put(subject, mine.size() - 1);
            return mine.size() - 1;
        }

        /** The candidate of this policy that stands for each subject it wins, and the load of each group. */
        private void standing(Map<String, Candidate> standing, long[] load) {
            for (Map.Entry<String, Option> f : fixed.entrySet()) {
                if (f.getValue().thisPolicy()) {
                    standing.put(f.getKey(), f.getValue().candidate());
                }
            }
            for (int i = 0; i < inPlay.size(); i++) {
                Option o = options.get(i)[best[i]];
                if (o.thisPolicy()) {
                    standing.put(inPlay.get(i), o.candidate());
                }
                if (o.group() >= 0) {
                    load[o.group()] += o.value();
                }
            }
        }

        /** What each candidate of a weighed subject adds (or would add) after its group's cap. */
        private Map<Candidate, BigDecimal> adds(Set<String> weighed, Map<String, Candidate> standing, long[] load) {
            Map<Candidate, BigDecimal> adds = new HashMap<>();
            for (String subject : weighed) {
                Candidate winner = standing.get(subject);
                for (Candidate c : bySubject.get(subject)) {
                    Integer g = groupIndex.get(c.capKey());
                    if (g == null) {
                        adds.put(c, c.amount());
                        continue;
                    }
                    long a = units(c.amount());
                    long with = c.equals(winner) ? load[g] : load[g] + a;
                    adds.put(c, amount(Math.min(cap[g], with) - Math.min(cap[g], with - a)));
                }
            }
            return adds;
        }

        /**
         * The best of a subject's candidates outside the groups that can bind, with its award under another policy:
         * the highest, then this policy's, then the lower clause. Null when it has none.
         */
        private Option outside(List<Candidate> list, Rival rival, Map<String, Boolean> canBind, Set<Candidate> removed) {
            Candidate best = null;
            for (Candidate c : list) {
                if (removed.contains(c) || canBind.getOrDefault(c.capKey(), false)) {
                    continue;
                }
                if (best == null || HIGHEST_THEN_CLAUSE.compare(c, best) < 0) {
                    best = c;
                }
            }
            if (rival != null && (best == null || rival.amount().compareTo(best.amount()) > 0)) {
                return new Option(null, rival, -1, units(rival.amount()));
            }
            return best == null ? null : new Option(best, null, -1, units(best.amount()));
        }

        /** Depth first: subjects in id order, each one's options in the order of preference. */
        private void search(int depth, long[] load, long outside, long rivalsKept, int[] current) {
            long capped = 0;
            for (int g = 0; g < load.length; g++) {
                capped += Math.min(cap[g], load[g]);
            }
            if (depth == inPlay.size()) {
                visited++;
                long r = capped + outside + rivalsKept;
                long t = r - rivalsKept;
                if (r > bestR || r == bestR && t > bestT) {
                    bestR = r;
                    bestT = t;
                    System.arraycopy(current, 0, best, 0, current.length);
                }
                return;
            }
            // Upper bound: what is already counted, and for each subject left its best option on the room left now.
            long bound = capped + outside + rivalsKept;
            for (int i = depth; i < inPlay.size(); i++) {
                long gain = 0;
                for (Option o : options.get(i)) {
                    long v = o.group() < 0 ? o.value() : Math.min(o.value(), Math.max(0, cap[o.group()] - load[o.group()]));
                    gain = Math.max(gain, v);
                }
                bound += gain;
            }
            if (bound < bestR) {
                return;
            }
            Option[] mine = options.get(depth);
            for (int k = 0; k < mine.length; k++) {
                Option o = mine[k];
                current[depth] = k;
                if (o.group() >= 0) {
                    load[o.group()] += o.value();
                    search(depth + 1, load, outside, rivalsKept, current);
                    load[o.group()] -= o.value();
                } else if (o.thisPolicy()) {
                    search(depth + 1, load, outside + o.value(), rivalsKept, current);
                } else {
                    search(depth + 1, load, outside, rivalsKept + o.value(), current);
                }
            }
        }
    }
}
