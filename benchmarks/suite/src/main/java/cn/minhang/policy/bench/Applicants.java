package cn.minhang.policy.bench;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.CatalogueProduct;
import cn.minhang.policy.model.ChainLeaderSettlement;
import cn.minhang.policy.model.ClusterType;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.ComputeExpense;
import cn.minhang.policy.model.Cooperation;
import cn.minhang.policy.model.Demonstration;
import cn.minhang.policy.model.DemonstrationType;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.EquipmentInvestment;
import cn.minhang.policy.model.Exhibition;
import cn.minhang.policy.model.FundFocusArea;
import cn.minhang.policy.model.IndustryCluster;
import cn.minhang.policy.model.InnovationVoucher;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.OpenCallProject;
import cn.minhang.policy.model.OperationPlatform;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.PilotPlatform;
import cn.minhang.policy.model.PlatformFunction;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.model.Purchase;
import cn.minhang.policy.model.Referral;
import cn.minhang.policy.model.Scenario;
import cn.minhang.policy.model.ScenarioType;
import cn.minhang.policy.model.Sector;
import cn.minhang.policy.model.Talent;
import cn.minhang.policy.model.Venue;

/**
 * The applicants the suite measures: a typical one (5 facts), a large one (every clause, 50+ facts), and random
 * ones that walk every branch of every clause, for checking the baseline against the engine.
 */
public final class Applicants {
    private static final LocalDate IN_PERIOD = LocalDate.of(2026, 3, 1);

    private Applicants() {
    }

    private static BigDecimal yuan(String amount) {
        return new BigDecimal(amount);
    }

    /**
     * A typical applicant: the application, its enterprise, one core-component product (1.1), one purchase
     * (3.1) and one commercial scenario (5): five facts.
     */
    public static Application typical() {
        return Application.builder("TYPICAL", IN_PERIOD, new Enterprise("E1", "示例关节科技", true, true, List.of()))
                .product(new ProductRnd("P1", "一体化关节模组", ComponentCategory.INTEGRATED_JOINT, yuan("8000000"), true, true))
                .purchase(new Purchase("B1", "巡检机器人", "S1", false, true, true, yuan("1500000")))
                .scenario(new Scenario("SC1", "商场导览", ScenarioType.GUIDED_TOUR, Venue.COMMERCIAL_CENTRE))
                .build();
    }

    /**
     * A large applicant: a line under every clause (granted, capped, excluded, not eligible, ceiling, support),
     * aggregate caps that cut, and awards under other policies that win and lose: 70 facts.
     */
    public static Application large() {
        Application.Builder b = Application.builder("LARGE", IN_PERIOD, new Enterprise("E1", "示例具身智能集团", true, true,
                List.of(FundFocusArea.CORE_COMPONENTS, FundFocusArea.INTELLIGENT_TERMINALS)));
        ComponentCategory[] categories = ComponentCategory.values();
        for (int i = 1; i <= 6; i++) {
            b.product(new ProductRnd("P" + i, "部件" + i, categories[i % categories.length],
                    yuan(String.valueOf(2_000_000L * i + 7)), i != 4, i != 5));
        }
        for (int i = 1; i <= 5; i++) {
            b.computeExpense(new ComputeExpense("C" + i, 2025 + i % 2, yuan(String.valueOf(9_000_000L * i)), i != 5));
        }
        // P1 and P2 are also open-call projects: the same subject under 1.1 and 2.1/2.2.
        b.openCallProject(new OpenCallProject("P1", "关节揭榜", Level.DISTRICT, true, List.of("上海交通大学"), null, yuan("4000000")));
        b.openCallProject(new OpenCallProject("P2", "感知揭榜", Level.MUNICIPAL, true, List.of(), yuan("3000000"), null));
        b.openCallProject(new OpenCallProject("O3", "区级揭榜", Level.DISTRICT, true, List.of("复旦大学"), null, null));
        b.openCallProject(new OpenCallProject("O4", "未揭榜", Level.DISTRICT, false, List.of(), null, null));
        b.openCallProject(new OpenCallProject("O5", "国家任务", Level.NATIONAL, true, List.of(), null, null));
        for (int i = 1; i <= 6; i++) {
            b.purchase(new Purchase("B" + i, "产品" + i, "S" + i, i == 6, true, i != 5, yuan(String.valueOf(3_000_000L * i))));
        }
        for (int i = 1; i <= 4; i++) {
            b.catalogueProduct(new CatalogueProduct("K" + i, "目录产品" + i, i != 4, yuan(String.valueOf(4_000_000L * i))));
        }
        Sector[] sectors = Sector.values();
        for (int i = 1; i <= 4; i++) {
            b.equipmentInvestment(new EquipmentInvestment("Q" + i, "技改" + i, sectors[(i - 1) % sectors.length], i != 2,
                    yuan(String.valueOf(60_000_000L * i))));
        }
        b.demonstration(new Demonstration("D1", "智能工厂", DemonstrationType.SMART_FACTORY, Level.MUNICIPAL, true, yuan("2000000")));
        b.demonstration(new Demonstration("D2", "揭榜任务", DemonstrationType.OPEN_CALL_TASK, Level.NATIONAL, true, null));
        b.demonstration(new Demonstration("D3", "区级示范", DemonstrationType.OTHER_DEMONSTRATION, Level.DISTRICT, true, yuan("100000")));
        b.demonstration(new Demonstration("Q1", "技改示范", DemonstrationType.SMART_FACTORY, Level.MUNICIPAL, true, yuan("900000")));
        ScenarioType[] types = ScenarioType.values();
        Venue[] venues = Venue.values();
        for (int i = 0; i < 10; i++) {
            b.scenario(new Scenario("SC" + i, "场景" + i, types[(i * 3) % types.length], venues[(i * 7) % venues.length]));
        }
        b.voucher(new InnovationVoucher("V1", true, yuan("300000.55")));
        b.voucher(new InnovationVoucher("V2", false, yuan("100000")));
        b.chainLeaderSettlement(new ChainLeaderSettlement(true, true, yuan("45000000")));
        b.cluster(new IndustryCluster("G1", "特色集群", ClusterType.SME_CHARACTERISTIC_CLUSTER, Level.MUNICIPAL));
        b.cluster(new IndustryCluster("G2", "特色园区", ClusterType.CHARACTERISTIC_INDUSTRIAL_PARK, Level.NATIONAL));
        b.cluster(new IndustryCluster("G3", "区级园区", ClusterType.CHARACTERISTIC_INDUSTRIAL_PARK, Level.DISTRICT));
        b.operationPlatform(new OperationPlatform(List.of(PlatformFunction.INVESTMENT_ATTRACTION,
                PlatformFunction.CARRIER_BUILDING), true));
        b.referral(new Referral("R1", "引荐项目1", true, true, yuan("20000000")));
        b.referral(new Referral("R2", "引荐项目2", true, true, yuan("15000000")));
        b.referral(new Referral("R3", "引荐项目3", true, true, null));
        b.referral(new Referral("R4", "引荐项目4", false, true, yuan("1000000")));
        b.pilotPlatform(new PilotPlatform("T1", "中试平台", true, yuan("12000000")));
        b.pilotPlatform(new PilotPlatform("T2", "中试平台二", false, null));
        b.cooperation(new Cooperation("CO1", "国际合作", List.of("MIT", "ETH Zürich")));
        b.cooperation(new Cooperation("CO2", "国内合作", List.of()));
        for (int i = 1; i <= 3; i++) {
            b.exhibition(new Exhibition("X" + i, "展会" + i, i != 3, yuan(String.valueOf(80_000L * i))));
        }
        for (int i = 1; i <= 3; i++) {
            b.talent(new Talent("H" + i, "人才" + i, i != 2));
        }
        b.otherAward(new OtherAward("A1", "市级研发补贴", Level.MUNICIPAL, "P3", yuan("9000000")));
        b.otherAward(new OtherAward("A2", "国家级补贴", Level.NATIONAL, "B1", yuan("100")));
        b.otherAward(new OtherAward("A3", "区级补贴", Level.DISTRICT, "E1", yuan("50000000")));
        b.otherAward(new OtherAward("A4", "市级补贴", Level.MUNICIPAL, "X1", yuan("80000")));
        return b.build();
    }

    /** How a random applicant is drawn. */
    public enum Profile {
        /**
         * Like a real population: an applicant in the district and field, dated in the period, with one to three
         * subjects of the commonest measures.
         */
        TYPICAL,
        /** Every branch of every clause, with shared subjects, other awards, boundary amounts and failed gates. */
        MIXED
    }

    /** The {@code index}-th applicant of the population drawn from {@code seed}: the same every time. */
    public static Application random(long seed, long index, Profile profile) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + index);
        return profile == Profile.TYPICAL ? typical(r, index) : mixed(r, index);
    }

    /** {@code count} applicants drawn from {@code seed}. */
    public static List<Application> population(long seed, int count, Profile profile) {
        List<Application> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(random(seed, i, profile));
        }
        return all;
    }

    private static Application typical(SplittableRandom r, long index) {
        Application.Builder b = Application.builder("T" + index, IN_PERIOD.plusDays(r.nextInt(300)),
                new Enterprise("E" + index, "企业" + index, true, true, List.of()));
        int subjects = 1 + r.nextInt(3);
        for (int i = 0; i < subjects; i++) {
            switch (r.nextInt(6)) {
                case 0 -> b.product(new ProductRnd("P" + i, "部件", ComponentCategory.SENSOR, amount(r, 20_000_000), true,
                        r.nextInt(10) != 0));
                case 1 -> b.purchase(new Purchase("B" + i, "产品", "S", false, true, r.nextInt(10) != 0,
                        amount(r, 5_000_000)));
                case 2 -> b.scenario(new Scenario("SC" + i, "场景", ScenarioType.values()[r.nextInt(15)],
                        Venue.values()[r.nextInt(Venue.values().length)]));
                case 3 -> b.computeExpense(new ComputeExpense("C" + i, 2026, amount(r, 20_000_000), true));
                case 4 -> b.catalogueProduct(new CatalogueProduct("K" + i, "产品", true, amount(r, 8_000_000)));
                default -> b.exhibition(new Exhibition("X" + i, "展会", true, amount(r, 200_000)));
            }
        }
        return b.build();
    }

    private static Application mixed(SplittableRandom r, long index) {
        LocalDate date = switch (r.nextInt(20)) {
            case 0 -> LocalDate.of(2024, 12, 31);
            case 1 -> LocalDate.of(2028, 1, 1);
            case 2 -> LocalDate.of(2025, 1, 1);
            case 3 -> LocalDate.of(2027, 12, 31);
            default -> IN_PERIOD.plusDays(r.nextInt(500) - 250);
        };
        List<FundFocusArea> areas = new ArrayList<>();
        for (FundFocusArea a : FundFocusArea.values()) {
            if (r.nextInt(4) == 0) {
                areas.add(a);
            }
        }
        String enterprise = "E" + index;
        Application.Builder b = Application.builder("M" + index, date,
                new Enterprise(enterprise, "企业", r.nextInt(12) != 0, r.nextInt(12) != 0, areas));
        List<String> subjects = new ArrayList<>();
        subjects.add(enterprise);
        Ids ids = new Ids(r, subjects);

        for (int i = 0, n = count(r); i < n; i++) {
            b.product(new ProductRnd(ids.next("P"), "部件", pick(r, ComponentCategory.values()), amount(r, 15_000_000),
                    r.nextInt(6) != 0, r.nextInt(6) != 0));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.computeExpense(new ComputeExpense(ids.next("C"), Math.min(2025 + r.nextInt(3), date.getYear()), amount(r, 25_000_000),
                    r.nextInt(6) != 0));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.openCallProject(new OpenCallProject(ids.next("O"), "揭榜", pick(r, Level.values()), r.nextInt(5) != 0,
                    r.nextBoolean() ? List.of("高校") : List.of(), r.nextInt(4) == 0 ? null : amount(r, 6_000_000),
                    r.nextInt(4) == 0 ? null : amount(r, 14_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.purchase(new Purchase(ids.next("B"), "产品", "S", r.nextInt(6) == 0, r.nextInt(6) != 0,
                    r.nextInt(6) != 0, amount(r, 12_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.catalogueProduct(new CatalogueProduct(ids.next("K"), "产品", r.nextInt(5) != 0, amount(r, 12_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.equipmentInvestment(new EquipmentInvestment(ids.next("Q"), "技改", pick(r, Sector.values()),
                    r.nextInt(5) != 0, amount(r, 250_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.demonstration(new Demonstration(ids.next("D"), "示范", pick(r, DemonstrationType.values()),
                    pick(r, Level.values()), r.nextInt(5) != 0, r.nextInt(3) == 0 ? null : amount(r, 2_500_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.scenario(new Scenario(ids.next("SC"), "场景", pick(r, ScenarioType.values()), pick(r, Venue.values())));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.voucher(new InnovationVoucher(ids.next("V"), r.nextInt(4) != 0, amount(r, 900_000)));
        }
        if (r.nextInt(3) == 0) {
            b.chainLeaderSettlement(new ChainLeaderSettlement(r.nextInt(4) != 0, r.nextInt(4) != 0,
                    r.nextInt(3) == 0 ? null : amount(r, 40_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.cluster(new IndustryCluster(ids.next("G"), "集群", pick(r, ClusterType.values()), pick(r, Level.values())));
        }
        if (r.nextInt(3) == 0) {
            List<PlatformFunction> functions = new ArrayList<>();
            for (PlatformFunction f : PlatformFunction.values()) {
                if (r.nextBoolean()) {
                    functions.add(f);
                }
            }
            b.operationPlatform(new OperationPlatform(functions, r.nextInt(3) != 0));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.referral(new Referral(ids.next("R"), "项目", r.nextInt(5) != 0, r.nextInt(5) != 0,
                    r.nextInt(4) == 0 ? null : amount(r, 25_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.pilotPlatform(new PilotPlatform(ids.next("T"), "中试", r.nextInt(4) != 0,
                    r.nextInt(3) == 0 ? null : amount(r, 14_000_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.cooperation(new Cooperation(ids.next("CO"), "合作", r.nextBoolean() ? List.of("MIT") : List.of()));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.exhibition(new Exhibition(ids.next("X"), "展会", r.nextInt(4) != 0, amount(r, 300_000)));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            b.talent(new Talent(ids.next("H"), "人才", r.nextInt(3) != 0));
        }
        for (int i = 0, n = count(r); i < n; i++) {
            BigDecimal amount = amount(r, 4_000_000);
            if (r.nextInt(4) == 0) {
                amount = amount.setScale(0, java.math.RoundingMode.DOWN);
            }
            b.otherAward(new OtherAward("A" + i, "其他政策", pick(r, Level.values()),
                    subjects.get(r.nextInt(subjects.size())), amount));
        }
        return b.build();
    }

    /** Ids unique within a list; one in three is taken from a pool shared by every list (the same subject). */
    private static final class Ids {
        private final SplittableRandom r;
        private final List<String> subjects;
        private Set<String> list = new HashSet<>();
        private String prefix = "";

        Ids(SplittableRandom r, List<String> subjects) {
            this.r = r;
            this.subjects = subjects;
        }

        String next(String listPrefix) {
            if (!listPrefix.equals(prefix)) {
                prefix = listPrefix;
                list = new HashSet<>();
            }
            String id;
            do {
                id = r.nextInt(3) == 0 ? "S" + r.nextInt(4) : listPrefix + r.nextInt(1000);
            } while (!list.add(id));
            if (!subjects.contains(id)) {
                subjects.add(id);
            }
            return id;
        }
    }

    private static int count(SplittableRandom r) {
        int k = r.nextInt(10);
        return k < 5 ? 0 : k < 8 ? 1 : k < 9 ? 2 : 3 + r.nextInt(3);
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** An amount in yuan, to the fen or whole, up to {@code around} × 1.5, sometimes exactly on a boundary. */
    private static BigDecimal amount(SplittableRandom r, long around) {
        return switch (r.nextInt(12)) {
            case 0 -> BigDecimal.valueOf(around).divide(BigDecimal.valueOf(3), 2, java.math.RoundingMode.DOWN);
            case 1 -> BigDecimal.valueOf(around);
            case 2 -> BigDecimal.ZERO;
            case 3 -> BigDecimal.valueOf(r.nextLong(around * 150L), 2);
            case 4 -> new BigDecimal("0.05");
            default -> BigDecimal.valueOf(r.nextLong(around * 3 / 2));
        };
    }
}
