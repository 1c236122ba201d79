package cn.minhang.policy.props;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.RuleInfo;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.EquipmentInvestment;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.model.Purchase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the whole policy, checked on random valid applications with facts of every type (a fixed seed
 * by default; see {@link Property} for a longer run).
 */
class InvariantsTest {
    private static final BigDecimal LARGEST = new BigDecimal("100000000000");
    private static PolicyEngine engine;
    private static ExecutorService pool;

    @BeforeAll
    static void start() {
        engine = PolicyEngine.fromDirectory(Path.of("rules"));
        pool = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void everyDecisionKeepsThePolicysInvariants() {
        Invariants.Coverage coverage = new Invariants.Coverage();
        Property.check("invariants", Property.tries(400), Generators::application, Generators::shrink, Trees::json,
                a -> {
                    Decision d = engine.evaluate(a);
                    Invariants.check(a, d);
                    coverage.add(a, d);
                });
        System.out.println("[property] invariants reached: " + coverage);

        // A run that reaches nothing proves nothing: every outcome the rules can give must have been seen.
        Set<String> clauses = new TreeSet<>();
        for (RuleInfo r : engine.rules().rules()) {
            if (PolicyTable.CLAUSES.containsKey(r.clause())) {
                clauses.add(r.clause());
            }
        }
        Set<Status> expected = EnumSet.of(Status.GRANTED, Status.CAPPED, Status.EXCLUDED, Status.NOT_ELIGIBLE,
                Status.AGGREGATE_CAP);
        if (clauses.stream().anyMatch(c -> !PolicyTable.of(c).monetary())) {
            expected.add(Status.SUPPORT);
        }
        if (clauses.stream().anyMatch(c -> PolicyTable.of(c).kind() == PolicyTable.Kind.DISCRETIONARY)) {
            expected.add(Status.CEILING);
        }
        assertThat(coverage.statuses.keySet()).containsAll(expected);
        assertThat(coverage.grantedByClause.keySet()).containsAll(clauses.stream()
                .filter(c -> PolicyTable.of(c).monetary()).toList());
        assertThat(coverage.withForgone).isPositive();
        assertThat(coverage.withExclusionByOtherPolicy).isPositive();
        assertThat(coverage.withExclusionByThisPolicy).isPositive();
        assertThat(coverage.withTie).isPositive();
        assertThat(coverage.bruteForced).isGreaterThan(coverage.decisions / 2);
        assertThat(coverage.withCapInView).isPositive();
        assertThat(coverage.changedByTheCap).isPositive();
    }

    /** An application and the seed its facts are shuffled with. */
    record Shuffled(Application application, long seed) {
        Application shuffle(int variant) {
            Random random = new Random(seed * 31 + variant);
            Application a = application;
            for (RecordComponent c : Application.class.getRecordComponents()) {
                if (Generators.get(c, a) instanceof List<?> list && list.size() > 1) {
                    List<Object> copy = new ArrayList<>(list);
                    Collections.shuffle(copy, random);
                    a = Generators.with(a, c.getName(), copy);
                }
            }
            return a;
        }
    }

    @Test
    void aDecisionDoesNotDependOnTheOrderOfFactsTheNumberOfThreadsOrRepetition() {
        Property.check("determinism", Property.tries(150),
                r -> new Shuffled(Generators.application(r), r.nextLong()),
                s -> Generators.shrink(s.application()).map(a -> new Shuffled(a, s.seed())),
                s -> Trees.json(s.application()),
                s -> {
                    Decision first = engine.evaluate(s.application());
                    assertThat(engine.evaluate(s.application())).as("evaluated twice").isEqualTo(first);
                    String zh = first.explain(Language.ZH);
                    String en = first.explain(Language.EN);
                    int variant = 0;
                    for (int threads : new int[]{1, 2, 4}) {
                        List<Application> shuffled = new ArrayList<>();
                        for (int t = 0; t < threads; t++) {
                            shuffled.add(s.shuffle(variant++));
                        }
                        for (Decision d : concurrently(shuffled)) {
                            assertThat(d).as("facts shuffled, on %d threads", threads).isEqualTo(first);
                            assertThat(d.explain(Language.ZH)).isEqualTo(zh);
                            assertThat(d.explain(Language.EN)).isEqualTo(en);
                        }
                    }
                });
    }

    /** Evaluates every application at the same time, one thread each. */
    private static List<Decision> concurrently(List<Application> applications) {
        CountDownLatch ready = new CountDownLatch(applications.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Decision>> futures = new ArrayList<>();
        for (Application a : applications) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return engine.evaluate(a);
            }));
        }
        try {
            ready.await();
            go.countDown();
            List<Decision> decisions = new ArrayList<>();
            for (Future<Decision> f : futures) {
                decisions.add(f.get(10, TimeUnit.MINUTES));
            }
            return decisions;
        } catch (Exception e) {
            throw new AssertionError("a concurrent evaluation failed", e);
        }
    }

    /** One fact of an application whose amount grows by {@code delta}. */
    record Growth(Application application, String list, String field, int index, BigDecimal delta) {
        Application grown() {
            @SuppressWarnings("unchecked")
            List<Object> facts = new ArrayList<>((List<Object>) Generators.get(Generators.component(list), application));
            Object fact = facts.get(index);
            BigDecimal before = (BigDecimal) Generators.get(Generators.component(fact.getClass(), field), fact);
            facts.set(index, Generators.withField(fact, field, before.add(delta).min(LARGEST)));
            return Generators.with(application, list, facts);
        }

        String subject() {
            Object fact = ((List<?>) Generators.get(Generators.component(list), application)).get(index);
            return (String) Generators.get(Generators.component(fact.getClass(), "id"), fact);
        }

        Stream<Growth> shrink() {
            Object fact = ((List<?>) Generators.get(Generators.component(list), application)).get(index);
            return Generators.shrink(application)
                    .map(a -> {
                        List<?> facts = (List<?>) Generators.get(Generators.component(list), a);
                        int i = facts.indexOf(fact);
                        return i < 0 ? null : new Growth(a, list, field, i, delta);
                    })
                    .filter(java.util.Objects::nonNull);
        }

        @Override
        public String toString() {
            return "grow " + list + "[" + index + "]." + field + " by " + delta + " in\n" + Trees.json(application);
        }
    }

    @Test
    void moreRndInvestmentNeverLowersClause11() {
        monotone("1.1", "products", ProductRnd.class, "rndInvestment");
    }

    @Test
    void aLargerPurchaseNeverLowersClause31() {
        monotone("3.1", "purchases", Purchase.class, "amount");
    }

    @Test
    void moreEquipmentInvestmentNeverLowersClause41() {
        monotone("4.1", "equipmentInvestments", EquipmentInvestment.class, "newEquipmentInvestment");
    }

    private void monotone(String clause, String list, Class<?> type, String field) {
        Property.check("monotone " + clause, Property.tries(150),
                r -> {
                    Application a = Generators.applicationWith(r, list, type);
                    int size = ((List<?>) Generators.get(Generators.component(list), a)).size();
                    BigDecimal delta = Generators.amount(r).max(new BigDecimal("0.01"));
                    return new Growth(a, list, field, r.nextInt(size), delta);
                },
                Growth::shrink, Growth::toString,
                g -> {
                    Decision before = engine.evaluate(g.application());
                    Decision after = engine.evaluate(g.grown());
                    assertThat(receipts(after)).as("the applicant's receipts in all")
                            .isGreaterThanOrEqualTo(receipts(before));
                    // Where a binding cap is weighed, a larger award of one subject can rightly leave another subject
                    // to keep its award under another policy, so only the applicant's receipts must not fall.
                    if (!weighed(before) && !weighed(after)) {
                        assertThat(clauseTotal(after, clause)).as("clause %s in sum", clause)
                                .isGreaterThanOrEqualTo(clauseTotal(before, clause));
                    }
                    BigDecimal lineBefore = before.line(clause, g.subject()).map(AwardLine::amount).orElse(BigDecimal.ZERO);
                    BigDecimal lineAfter = after.line(clause, g.subject()).map(AwardLine::amount).orElse(BigDecimal.ZERO);
                    assertThat(lineAfter).as("clause %s for %s", clause, g.subject()).isGreaterThanOrEqualTo(lineBefore);
                });
    }

    /** What the applicant receives in all: this policy's total, and each award under another policy that stands. */
    private static BigDecimal receipts(Decision d) {
        java.util.Map<String, BigDecimal> kept = new java.util.HashMap<>();
        for (AwardLine l : d.lines()) {
            if (l.excludedBy() != null && !l.excludedBy().thisPolicy()) {
                kept.put(l.subject(), l.excludedBy().amount());
            }
        }
        return kept.values().stream().reduce(d.totalGranted(), BigDecimal::add);
    }

    private static boolean weighed(Decision d) {
        return d.lines().stream().anyMatch(l -> l.readings().stream().anyMatch(r -> r.rule().contains("从优")));
    }

    private static BigDecimal clauseTotal(Decision d, String clause) {
        return d.linesOf(clause).stream().map(AwardLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void anApplicationWrittenAsJsonOrYamlReadsBackTheSame() {
        Property.check("reader round trip", Property.tries(400), Generators::application, Generators::shrink,
                Trees::json, a -> {
                    assertThat(ApplicationReader.fromJson(Trees.json(a))).isEqualTo(a);
                    assertThat(ApplicationReader.fromYaml(Trees.yaml(a))).isEqualTo(a);
                });
    }

    @Test
    void theGeneratorsMakeFactsOfEveryType() {
        SplittableRandom r = Property.random("coverage of fact types", 0);
        Set<String> empty = new TreeSet<>();
        for (RecordComponent c : Application.class.getRecordComponents()) {
            empty.add(c.getName());
        }
        for (int i = 0; i < 50 && !empty.isEmpty(); i++) {
            Application a = Generators.application(r);
            for (RecordComponent c : Application.class.getRecordComponents()) {
                Object v = Generators.get(c, a);
                if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                    empty.remove(c.getName());
                }
            }
        }
        assertThat(empty).as("components of Application never generated").isEmpty();
    }
}
