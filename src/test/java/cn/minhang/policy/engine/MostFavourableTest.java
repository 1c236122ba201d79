package cn.minhang.policy.engine;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import cn.minhang.policy.engine.MostFavourable.Candidate;
import cn.minhang.policy.engine.MostFavourable.Choice;
import cn.minhang.policy.engine.MostFavourable.Rival;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.model.Purchase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The choice of 从优 with the aggregate caps in view: exact, bounded, and refused beyond its limit. */
class MostFavourableTest {
    private static final Map<String, BigDecimal> CAP_31 = Map.of("3.1", new BigDecimal("2000000"));
    private static PolicyEngine engine;

    @BeforeAll
    static void compile() {
        engine = PolicyEngine.fromDirectory(Path.of("rules"));
    }

    private static Candidate purchase(String id, String amount) {
        return new Candidate(id, "3.1", 31, new BigDecimal(amount), "");
    }

    @Test
    void theBriefsExampleKeepsTheMunicipalAwardForQ2BecauseQ2AddsOnly1200000AfterTheCap() {
        Choice choice = MostFavourable.choose(List.of(purchase("Q1", "800000.00"), purchase("Q2", "1400000.00")),
                Map.of("Q2", new Rival("Q2", "O1", new BigDecimal("1300000.00"))), CAP_31);
        assertThat(choice.standing()).containsOnlyKeys("Q1");
        assertThat(choice.rivalStands("Q2")).isTrue();
        assertThat(choice.weighed()).containsExactly("Q2");
        assertThat(choice.adds().get(purchase("Q2", "1400000.00"))).isEqualByComparingTo("1200000");
    }

    @Test
    void withoutABindingCapTheHighestAwardOfEachSubjectStandsAndNothingIsWeighed() {
        Choice choice = MostFavourable.choose(List.of(purchase("Q1", "500000.00"), purchase("Q2", "1400000.00")),
                Map.of("Q2", new Rival("Q2", "O1", new BigDecimal("1300000.00"))), CAP_31);
        assertThat(choice.standing()).containsOnlyKeys("Q1", "Q2");
        assertThat(choice.weighed()).isEmpty();
        assertThat(choice.visited()).isZero();
    }

    /** Independent of the search: every choice of a single capped group, enumerated. */
    private static long bruteForce(List<Candidate> candidates, Map<String, Rival> rivals, long cap) {
        long best = Long.MIN_VALUE;
        int n = candidates.size();
        for (long mask = 0; mask < 1L << n; mask++) {
            long load = 0;
            long kept = 0;
            for (int i = 0; i < n; i++) {
                Candidate c = candidates.get(i);
                if ((mask >> i & 1) == 1) {
                    load += c.amount().movePointRight(2).longValueExact();
                } else {
                    kept += rivals.get(c.subject()).amount().movePointRight(2).longValueExact();
                }
            }
            best = Math.max(best, Math.min(cap, load) + kept);
        }
        return best;
    }

    private static long receipts(Choice choice, List<Candidate> candidates, Map<String, Rival> rivals, long cap) {
        long load = 0;
        long kept = 0;
        for (Candidate c : candidates) {
            if (choice.rivalStands(c.subject())) {
                kept += rivals.get(c.subject()).amount().movePointRight(2).longValueExact();
            } else {
                load += c.amount().movePointRight(2).longValueExact();
            }
        }
        return Math.min(cap, load) + kept;
    }

    /**
     * Hard instances: every subject's award a little above its award under another policy, amounts of every size
     * around the cap, so that the bound cuts little. The search is exact and visits at most 2^A complete choices.
     */
    @Test
    void atTheLimitTheSearchIsExactAndVisitsAtMostTwoToTheAlternativesChoices() {
        SplittableRandom r = new SplittableRandom(13);
        for (int round = 0; round < 6; round++) {
            int n = round < 5 ? 14 : Limits.MAX_WEIGHED_ALTERNATIVES;
            List<Candidate> candidates = new ArrayList<>();
            Map<String, Rival> rivals = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String id = String.format("Q%02d", i);
                long fen = r.nextLong(10_000_000L, 200_000_000L);
                candidates.add(new Candidate(id, "3.1", 31, BigDecimal.valueOf(fen, 2), ""));
                rivals.put(id, new Rival(id, "O" + i, BigDecimal.valueOf(fen - r.nextLong(1, fen / 4), 2)));
            }
            Choice choice = MostFavourable.choose(candidates, rivals, CAP_31);
            assertThat(choice.visited()).as("round %d", round).isPositive().isLessThanOrEqualTo(1L << n);
            assertThat(receipts(choice, candidates, rivals, 200_000_000L)).as("round %d", round)
                    .isEqualTo(bruteForce(candidates, rivals, 200_000_000L));
        }
    }

    /** The worst case for the bound: every amount equal, so that no branch is cut; still at most 2^A choices. */
    @Test
    void whenEveryChoiceTiesTheSearchComparesAtMostTwoToTheAlternativesAndKeepsTheFirst() {
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Rival> rivals = new HashMap<>();
        for (int i = 0; i < Limits.MAX_WEIGHED_ALTERNATIVES; i++) {
            String id = String.format("Q%02d", i);
            candidates.add(purchase(id, "200000.00"));
            rivals.put(id, new Rival(id, "O" + i, new BigDecimal("200000.00")));
        }
        Choice choice = MostFavourable.choose(candidates, rivals, CAP_31);
        assertThat(choice.visited()).isGreaterThan(1L << 19).isLessThanOrEqualTo(1L << Limits.MAX_WEIGHED_ALTERNATIVES);
        // Ten purchases fill the 2,000,000 cap and ten other awards are kept: 4,000,000, the most; a tie goes to
        // this policy as far as the cap lets it, and to the first ids.
        assertThat(choice.standing().keySet()).containsExactlyInAnyOrder("Q00", "Q01", "Q02", "Q03", "Q04", "Q05",
                "Q06", "Q07", "Q08", "Q09");
    }

    private static Application buyer(int purchases) {
        Application.Builder b = Application.builder("A1", LocalDate.of(2026, 3, 1),
                new Enterprise("E1", "示例采购企业", true, true, List.of()));
        for (int i = 1; i <= purchases; i++) {
            String id = String.format("Q%02d", i);
            b.purchase(new Purchase(id, "巡检机器人", "甲机器人公司", false, true, true, new BigDecimal("6000000")));
            b.otherAward(new OtherAward("O" + i, "上海市首台套示范应用奖励", Level.MUNICIPAL, id, new BigDecimal("1000000")));
        }
        return b.build();
    }

    @Test
    void twentyPurchasesUnderTheCapEachWithAnotherAwardAreWeighedExactly() {
        Decision d = engine.evaluate(buyer(Limits.MAX_WEIGHED_ALTERNATIVES));
        // One purchase at 1,200,000 and nineteen kept municipal awards of 1,000,000 give 20,200,000, the most:
        // a second purchase would add only 800,000 under the 2,000,000 cap and give up 1,000,000.
        assertThat(d.totalGranted()).isEqualByComparingTo("1200000");
        assertThat(d.line("3.1", "Q01").orElseThrow().status()).isEqualTo(Status.GRANTED);
        assertThat(d.line("3.1", "Q02").orElseThrow().status()).isEqualTo(Status.EXCLUDED);
        assertThat(d.line("3.1", "Q02").orElseThrow().excludedBy().addedAfterCap()).isEqualByComparingTo("800000");
        assertThat(d.forgone()).extracting(f -> f.award().id()).containsExactly("O1");
    }

    @Test
    void oneAlternativeMoreThanTheLimitIsRefusedAtThePathOfTheSubjectBeyondIt() {
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> engine.evaluate(buyer(Limits.MAX_WEIGHED_ALTERNATIVES + 1)));
        assertThat(e.problems()).extracting(Problem::path).containsExactly("$.purchases[20].id");
        assertThat(e.problems().get(0).message()).contains("at most 20 alternatives").contains("this one has 21 over 21 subjects");
    }

    @Test
    void theSameSubjectsInAnotherOrderGiveTheSameChoice() {
        List<Candidate> candidates = new ArrayList<>(List.of(purchase("Q1", "1000000.00"), purchase("Q2", "1000000.00"),
                purchase("Q3", "1000000.00")));
        Map<String, Rival> rivals = Map.of("Q1", new Rival("Q1", "O1", new BigDecimal("1000000.00")),
                "Q2", new Rival("Q2", "O2", new BigDecimal("1000000.00")),
                "Q3", new Rival("Q3", "O3", new BigDecimal("1000000.00")));
        Choice first = MostFavourable.choose(candidates, rivals, CAP_31);
        java.util.Collections.reverse(candidates);
        Choice second = MostFavourable.choose(candidates, rivals, CAP_31);
        // Two of the three fill the cap; the third keeps its award: the first two ids stand under this policy.
        assertThat(first.standing()).containsOnlyKeys("Q1", "Q2");
        assertThat(second.standing()).isEqualTo(first.standing());
    }
}
