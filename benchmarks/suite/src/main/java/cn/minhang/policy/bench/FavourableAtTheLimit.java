package cn.minhang.policy.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import cn.minhang.policy.engine.MostFavourable;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.Purchase;

/**
 * The cost of 从优 with the aggregate caps in view at its input limit ({@link Limits#MAX_WEIGHED_ALTERNATIVES}
 * alternatives), against the same choice where no cap binds, measured in the same run:
 * <pre>
 *   mvn -q -o -f benchmarks/pom.xml package -DskipTests
 *   java -cp "benchmarks/suite/target/classes:$(cat benchmarks/suite/target/classpath.txt)" \
 *        cn.minhang.policy.bench.FavourableAtTheLimit
 * </pre>
 * The instances are the hardest kind for the search: one capped group, every subject's award of this policy a
 * little above its award under another policy, and amounts of every size up to the cap, so that the bound cuts
 * little; and the worst case for the bound, every amount equal, where a great many choices tie for the best and
 * the search compares nearly every choice. Each figure is the median of 15 timed repetitions after 5 untimed ones.
 */
public final class FavourableAtTheLimit {
    private static final Map<String, BigDecimal> CAP = Map.of("3.1", new BigDecimal("2000000"));
    private static final Map<String, BigDecimal> NO_CAP = Map.of();

    private FavourableAtTheLimit() {
    }

    record Instance(List<MostFavourable.Candidate> candidates, Map<String, MostFavourable.Rival> rivals) {
    }

    static Instance hard(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MostFavourable.Candidate> candidates = new ArrayList<>();
        Map<String, MostFavourable.Rival> rivals = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("Q%02d", i);
            long fen = r.nextLong(10_000_000L, 200_000_000L);
            candidates.add(new MostFavourable.Candidate(id, "3.1", 31, BigDecimal.valueOf(fen, 2), ""));
            rivals.put(id, new MostFavourable.Rival(id, "O" + i, BigDecimal.valueOf(fen - r.nextLong(1, fen / 4), 2)));
        }
        return new Instance(candidates, rivals);
    }

    /**
     * The worst case for the bound: every award and every other award of the same amount, so that a great many
     * choices tie for the best and no branch can be cut below it.
     */
    static Instance ties(int n) {
        List<MostFavourable.Candidate> candidates = new ArrayList<>();
        Map<String, MostFavourable.Rival> rivals = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("Q%02d", i);
            candidates.add(new MostFavourable.Candidate(id, "3.1", 31, new BigDecimal("200000.00"), ""));
            rivals.put(id, new MostFavourable.Rival(id, "O" + i, new BigDecimal("200000.00")));
        }
        return new Instance(candidates, rivals);
    }

    private static double medianMillis(Runnable work) {
        for (int i = 0; i < 5; i++) {
            work.run();
        }
        double[] t = new double[15];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /** {@code purchases} purchases, each with an award under another policy: of every size, or all equal. */
    static Application buyer(int purchases, boolean equal) {
        Application.Builder b = Application.builder("LIMIT", LocalDate.of(2026, 3, 1),
                new Enterprise("E1", "示例采购企业", true, true, List.of()));
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 1; i <= purchases; i++) {
            String id = String.format("Q%02d", i);
            long fen = equal ? 20_000_000L : r.nextLong(10_000_000L, 200_000_000L);
            b.purchase(new Purchase(id, "巡检机器人", "甲机器人公司", false, true, true, BigDecimal.valueOf(fen * 5, 2)));
            b.otherAward(new OtherAward("O" + i, "上海市首台套示范应用奖励", Level.MUNICIPAL, id,
                    BigDecimal.valueOf(equal ? fen : fen - r.nextLong(1, fen / 4), 2)));
        }
        return b.build();
    }

    public static void main(String[] args) {
        int n = Limits.MAX_WEIGHED_ALTERNATIVES;
        System.out.printf(Locale.ROOT, "从优 at the limit: %d alternatives, %d cores%n", n,
                Runtime.getRuntime().availableProcessors());
        System.out.println("seed  visited   of 2^" + n + "   binding cap ms   no cap ms   ratio   (seed 0: every amount equal)");
        for (long seed = 0; seed <= 5; seed++) {
            Instance hard = seed == 0 ? ties(n) : hard(seed, n);
            MostFavourable.Choice choice = MostFavourable.choose(hard.candidates(), hard.rivals(), CAP);
            double capped = medianMillis(() -> MostFavourable.choose(hard.candidates(), hard.rivals(), CAP));
            double free = medianMillis(() -> MostFavourable.choose(hard.candidates(), hard.rivals(), NO_CAP));
            System.out.printf(Locale.ROOT, "%4d  %8d  %8d  %14.3f  %10.4f  %6.0f×%n", seed, choice.visited(),
                    1L << n, capped, free, capped / free);
        }
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of(System.getProperty("bench.rules", "rules")));
        Application typical = Applicants.typical();
        double usual = medianMillis(() -> engine.evaluate(typical));
        for (boolean equal : new boolean[]{false, true}) {
            Application limit = buyer(n, equal);
            double atLimit = medianMillis(() -> engine.evaluate(limit));
            System.out.printf(Locale.ROOT, "engine: %d purchases each with another award (%s), at the limit: %.3f ms; "
                    + "the typical applicant: %.3f ms; ratio %.1f×%n", n, equal ? "every amount equal" : "of every size",
                    atLimit, usual, atLimit / usual);
        }
    }
}
