package cn.minhang.policy.reload;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.engine.RuleInfo;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.engine.RuleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static cn.minhang.policy.reload.RulesFixture.M01;
import static cn.minhang.policy.reload.RulesFixture.amount;
import static cn.minhang.policy.reload.RulesFixture.application;
import static cn.minhang.policy.reload.RulesFixture.lineOf;
import static cn.minhang.policy.reload.RulesFixture.rule11;
import static cn.minhang.policy.reload.RulesFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reloading a rules directory: new rules serve only after they compile and pass every spec case; refused rules
 * leave the serving ones in place with every error reported; no decision is ever made by two versions.
 */
class RulesManagerTest {
    /** Generous: only a broken engine waits this long. Never an assertion about how fast anything is. */
    private static final long PATIENCE_MILLIS = TimeUnit.SECONDS.toMillis(120);

    @TempDir
    Path root;

    /** One decision, as an evaluating thread saw it. */
    record Observation(String version, BigDecimal amount11, Set<String> fired, Set<String> lineRules) {
    }

    @Test
    void evaluationsOnSeveralThreadsNeverMixVersionsWhileGoodAndBrokenRuleSetsAreSwappedIn() throws Exception {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        Map<String, Integer> percentOf = new ConcurrentHashMap<>();
        Map<String, Set<String>> rulesOf = new ConcurrentHashMap<>();
        Set<String> rejectedVersions = ConcurrentHashMap.newKeySet();
        percentOf.put(manager.version(), 30);
        rulesOf.put(manager.version(), ruleNames(manager.engine()));

        Queue<Observation> observations = new ConcurrentLinkedQueue<>();
        Map<String, AtomicLong> seen = new ConcurrentHashMap<>();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        List<String> fired = new ArrayList<>();
                        Decision d = manager.engine().evaluate(application(), fired::add);
                        Set<String> lineRules = new HashSet<>();
                        d.lines().forEach(l -> lineRules.addAll(l.rules()));
                        observations.add(new Observation(d.rulesVersion(),
                                d.line("1.1", "P1").map(AwardLine::amount).orElse(null), Set.copyOf(fired),
                                lineRules));
                        seen.computeIfAbsent(d.rulesVersion(), v -> new AtomicLong()).incrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                }
            }));
        }

        int[] good = {20, 30, 25, 30};
        int swaps = 0;
        int rejections = 0;
        try {
            awaitDecisions(seen, manager.version(), 20, errors);
            for (int i = 0; i < good.length; i++) {
                // A broken set between two good ones: it does not compile, fails its spec, or reaches outside.
                String serving = manager.version();
                String broken = switch (i % 3) {
                    case 0 -> fixture.m01NotCompiling();
                    case 1 -> fixture.m01Paying(35);
                    default -> fixture.m01Unsafe();
                };
                fixture.write(broken, spec(amount(percentOf.get(serving))));
                rejectedVersions.add(fixture.versionWith(broken));
                ReloadRejectedException refused = catchThrowableOfType(ReloadRejectedException.class, manager::reload);
                assertThat(refused).as("the broken set %d must be refused", i).isNotNull();
                assertThat(refused.servingVersion()).isEqualTo(serving);
                assertThat(refused.problems().isEmpty()).isNotEqualTo(refused.failures().isEmpty());
                assertThat(manager.version()).isEqualTo(serving);
                rejections++;
                awaitDecisions(seen, serving, seen.get(serving).get() + 20, errors);

                fixture.writeGood(good[i]);
                ReloadOutcome outcome = manager.reload();
                assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.SWAPPED);
                assertThat(outcome.version()).isEqualTo(fixture.versionWith(fixture.m01Paying(good[i])));
                percentOf.put(outcome.version(), good[i]);
                rulesOf.put(outcome.version(), ruleNames(manager.engine()));
                swaps++;
                awaitDecisions(seen, outcome.version(), seen.getOrDefault(outcome.version(), new AtomicLong()).get() + 20,
                        errors);
            }
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
            }
            pool.shutdown();
        }

        assertThat(errors).as("no evaluation failed").isEmpty();
        assertThat(percentOf).hasSize(3);
        for (Observation o : observations) {
            assertThat(rejectedVersions).as("a refused version never decides").doesNotContain(o.version());
            Integer percent = percentOf.get(o.version());
            assertThat(percent).as("decisions name a version that served: %s", o.version()).isNotNull();
            assertThat(o.amount11()).as("1.1 under %s", o.version()).isEqualTo(new BigDecimal(amount(percent)));
            assertThat(rulesOf.get(o.version())).as("every rule that fired belongs to %s", o.version())
                    .containsAll(o.fired()).containsAll(o.lineRules());
            assertThat(o.fired()).contains(rule11(percent));
        }
        System.out.printf("[reload] %d decisions on %d threads, %d swaps, %d refused rule sets; decisions by version: %s%n",
                observations.size(), threads, swaps, rejections, seen);
    }

    private static void awaitDecisions(Map<String, AtomicLong> seen, String version, long atLeast,
                                       Queue<Throwable> errors) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (seen.getOrDefault(version, new AtomicLong()).get() < atLeast) {
            assertThat(errors).isEmpty();
            assertThat(System.currentTimeMillis()).as("decisions by %s", version).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static Set<String> ruleNames(PolicyEngine engine) {
        Set<String> names = new HashSet<>();
        for (RuleInfo r : engine.rules().rules()) {
            names.add(r.name());
        }
        return names;
    }

    @Test
    void anEvaluationInFlightDuringASwapFinishesOnTheVersionItStartedWith() throws Exception {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        String before = manager.version();
        CountDownLatch firing = new CountDownLatch(1);
        CountDownLatch swapped = new CountDownLatch(1);
        List<String> fired = new ArrayList<>();
        ExecutorService one = Executors.newSingleThreadExecutor();
        Future<Decision> inFlight = one.submit(() -> manager.engine().evaluate(application(), rule -> {
            fired.add(rule);
            if (fired.size() == 1) {
                firing.countDown();
                try {
                    swapped.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }));
        assertThat(firing.await(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        fixture.writeGood(20);
        assertThat(manager.reload().result()).isEqualTo(ReloadOutcome.Result.SWAPPED);
        String after = manager.version();
        swapped.countDown();

        Decision old = inFlight.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        one.shutdown();
        assertThat(after).isNotEqualTo(before);
        assertThat(old.rulesVersion()).isEqualTo(before);
        assertThat(old.line("1.1", "P1").orElseThrow().amount()).isEqualTo(new BigDecimal("2400000.00"));
        assertThat(fired).contains(rule11(30)).doesNotContain(rule11(20));
        Decision next = manager.engine().evaluate(application());
        assertThat(next.rulesVersion()).isEqualTo(after);
        assertThat(next.line("1.1", "P1").orElseThrow().amount()).isEqualTo(new BigDecimal("1600000.00"));
    }

    @Test
    void rulesThatDoNotCompileAreRefusedWithEveryProblemAndItsLine() throws IOException {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        String serving = manager.version();
        String broken = fixture.m01NotCompiling();
        String closing = Files.readString(fixture.rules.resolve("m15-closing-paragraph.drl"));
        String brokenClosing = closing.replace("salience -200", "salience -200\n    @clause(\"closing\")\n    not-a-keyword");
        assertThat(brokenClosing).isNotEqualTo(closing);
        Files.writeString(fixture.rules.resolve("m15-closing-paragraph.drl"), brokenClosing);
        fixture.write(broken, spec(amount(30)));
        List<ReloadOutcome> told = new ArrayList<>();
        manager.onReload(told::add);

        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class, manager::reload);

        assertThat(e.failures()).isEmpty();
        assertThat(e.problems()).extracting(RuleProblem::file).contains(M01, "m15-closing-paragraph.drl");
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(M01);
            assertThat(p.line()).isEqualTo(lineOf(broken, "colour == \"red\""));
        });
        assertThat(e.rejectedVersion()).isEqualTo(fixture.versionWith(broken)).isNotEqualTo(serving);
        assertThat(e.servingVersion()).isEqualTo(serving);
        assertThat(e.getMessage()).contains(serving + " keeps serving").contains(M01 + ":" + lineOf(broken, "colour"));
        assertThat(manager.version()).isEqualTo(serving);
        assertThat(manager.engine().evaluate(application()).totalGranted()).isEqualByComparingTo("2400000.00");
        assertThat(told).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(ReloadOutcome.Result.REJECTED);
            assertThat(o.rejection()).isSameAs(e);
            assertThat(o.serving()).isEqualTo(serving);
        });
    }

    @Test
    void rulesThatFailTheirSpecsAreRefusedWithEveryFailingCase() throws IOException {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        String serving = manager.version();
        fixture.write(fixture.m01Paying(25), spec(amount(30)));
        Files.writeString(fixture.specs.resolve("second.yaml"), spec("2000000.01").replace("RELOAD", "SECOND"));
        Files.writeString(fixture.specs.resolve("unreadable.yaml"), "cases: [");

        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class, manager::reload);

        assertThat(e.problems()).isEmpty();
        assertThat(e.failures()).hasSize(3);
        assertThat(e.failures().get(0)).startsWith("unreadable.yaml: cannot be read as a spec file");
        assertThat(e.failures().get(1)).startsWith("probe.yaml — 1.1 R&D of 8,000,000 gets 2400000.00\n")
                .contains("the lines differ").contains("2000000.00");
        assertThat(e.failures().get(2)).startsWith("second.yaml — 1.1 R&D of 8,000,000 gets 2000000.01\n");
        assertThat(manager.version()).isEqualTo(serving);
    }

    @Test
    void rulesThatReachOutsideThePolicyAreRefusedOnReloadAndOnOpen() throws IOException {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        String unsafe = fixture.m01Unsafe();
        fixture.write(unsafe, spec(amount(30)));

        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class, manager::reload);
        assertThat(e.problems()).extracting(RuleProblem::toString).containsExactly(M01 + ":"
                + lineOf(unsafe, "System.exit") + ": `System.exit` reaches outside the policy's own types (`System`: "
                + "the host process, its environment and properties); rules may use only the policy's facts and "
                + "the engine's claim types");

        ReloadRejectedException onOpen = catchThrowableOfType(ReloadRejectedException.class,
                () -> RulesManager.open(fixture.rules, fixture.specs));
        assertThat(onOpen.servingVersion()).isNull();
        assertThat(onOpen.problems()).hasSize(1);
        assertThat(onOpen.getMessage()).contains("no rules are serving");
    }

    @Test
    void rulesAreReadOnlyFromTheConfiguredDirectory(@TempDir Path elsewhere) throws IOException {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        String serving = manager.version();
        Files.createDirectories(fixture.rules.resolve("old"));
        Files.writeString(fixture.rules.resolve("old/stale.drl"), "not a rule");
        Files.writeString(fixture.rules.resolve("notes.txt"), "not a rule either");
        assertThat(manager.reload().result()).isEqualTo(ReloadOutcome.Result.UNCHANGED);

        Path outside = Files.writeString(elsewhere.resolve("outside.drl"), fixture.original);
        Files.createSymbolicLink(fixture.rules.resolve("linked.drl"), outside);
        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class, manager::reload);
        assertThat(e.problems()).extracting(RuleProblem::toString).containsExactly(
                "linked.drl:0: is a symbolic link; rule files must be regular files in " + fixture.rules);
        assertThat(manager.version()).isEqualTo(serving);
    }

    @Test
    void aReloadOfTheRulesServingChangesNothing() {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        RulesManager manager = RulesManager.open(fixture.rules, fixture.specs);
        ReloadOutcome outcome = manager.reload();
        assertThat(outcome.result()).isEqualTo(ReloadOutcome.Result.UNCHANGED);
        assertThat(outcome.version()).isEqualTo(manager.version()).isEqualTo(outcome.serving());
    }

    @Test
    void aDirectoryWithoutSpecCasesLetsNoRulesIn() throws IOException {
        RulesFixture fixture = new RulesFixture(root);
        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class,
                () -> RulesManager.open(fixture.rules, fixture.specs));
        assertThat(e.failures()).containsExactly("no spec cases in " + fixture.specs
                + ": new rules are not let in unchecked");
    }

    @Test
    void aGateThatCannotRunRefusesTheRules() {
        RuleSource source = RuleSource.directory(Path.of("rules"));
        PolicyEngine engine = PolicyEngine.of(source);
        RuleSource edited = source.with("m99-note.drl", "package cn.minhang.policy.rules;\n");
        ReloadRejectedException e = catchThrowableOfType(ReloadRejectedException.class,
                () -> engine.reload(edited, candidate -> {
                    throw new IllegalStateException("the spec server is down");
                }));
        assertThat(e.failures()).containsExactly("the check of the new rules could not run: "
                + "java.lang.IllegalStateException: the spec server is down");
        assertThat(engine.rules().version()).isEqualTo(source.version());
        assertThat(engine.reload(edited, candidate -> List.of()).version()).isEqualTo(edited.version());
        assertThat(engine.rules().version()).isEqualTo(edited.version());
    }

    @Test
    void aWatchedDirectoryReloadsOnAChangeAndKeepsServingWhenTheChangeIsBroken() throws Exception {
        RulesFixture fixture = new RulesFixture(root);
        fixture.writeGood(30);
        BlockingQueue<ReloadOutcome> outcomes = new LinkedBlockingQueue<>();
        try (RulesManager manager = RulesManager.open(fixture.rules, fixture.specs)) {
            manager.onReload(outcomes::add);
            manager.watch(Duration.ofMillis(200));

            fixture.writeGood(20);
            String twenty = fixture.versionWith(fixture.m01Paying(20));
            ReloadOutcome swapped = awaitOutcome(outcomes, o -> o.result() == ReloadOutcome.Result.SWAPPED
                    && o.version().equals(twenty));
            assertThat(swapped.serving()).isEqualTo(twenty);
            assertThat(manager.engine().evaluate(application()).line("1.1", "P1").orElseThrow().amount())
                    .isEqualTo(new BigDecimal("1600000.00"));

            String broken = fixture.m01NotCompiling();
            fixture.write(broken, spec(amount(20)));
            String brokenVersion = fixture.versionWith(broken);
            ReloadOutcome refused = awaitOutcome(outcomes, o -> o.result() == ReloadOutcome.Result.REJECTED
                    && o.version().equals(brokenVersion));
            assertThat(refused.serving()).isEqualTo(twenty);
            assertThat(refused.rejection().problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo(M01));
            assertThat(manager.version()).isEqualTo(twenty);
            assertThat(manager.engine().evaluate(application()).rulesVersion()).isEqualTo(twenty);
        }
    }

    private static ReloadOutcome awaitOutcome(BlockingQueue<ReloadOutcome> outcomes, Predicate<ReloadOutcome> wanted)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (true) {
            ReloadOutcome o = outcomes.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            assertThat(o).as("the watcher reports the change").isNotNull();
            if (wanted.test(o)) {
                return o;
            }
        }
    }
}
