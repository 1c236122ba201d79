package cn.minhang.policy.population;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import cn.minhang.policy.io.ApplicationJson;
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
 * A synthetic but realistic population of applicants, for batch runs, rule comparisons and benchmarks.
 *
 * <pre>{@code
 * PopulationGenerator population = new PopulationGenerator(42);
 * Application first = population.applicant(0);
 * population.stream(100_000).forEach(engine::evaluate);
 * PopulationGenerator.writeJsonl(42, 1_000, writer);      // what `policy generate` writes
 * }</pre>
 *
 * <p>Each applicant is drawn from its own random stream, derived from the seed and its index alone: the same
 * seed always gives the same population, applicant {@code i} is the same whatever the count, and no state is
 * carried from one applicant to the next, so a population of any size streams in constant memory.
 *
 * <p>Applicants follow a few profiles found in the district (component makers, buyers of robots, manufacturers
 * retooling, university spin-offs, service-robot firms, platform operators, settling chain leaders, small
 * firms), with amounts drawn on a logarithmic scale between plausible bounds, so that every clause of the policy
 * is exercised: granted, capped at its per-item and aggregate caps, not eligible for each condition, set by
 * review, and competing with awards under other policies for the same subject (every monetary clause's subjects
 * sometimes hold one) or with another clause of this policy, now and then for exactly the same amount. Application
 * dates fall in the period, and now and then on either side of either end of it; a compute expense is never for a
 * year after the application date's.
 */
public final class PopulationGenerator {
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int DAYS_IN_FORCE = 3 * 365;
    /** The days on either side of both ends of the period of validity. */
    private static final LocalDate[] EDGES = {LocalDate.of(2024, 12, 31), FIRST_DAY, LocalDate.of(2027, 12, 31),
            LocalDate.of(2028, 1, 1)};
    private static final String[] PLACES = {"上海", "闵行", "莘庄", "紫竹", "虹桥", "马桥", "吴泾", "颛桥", "浦江", "七宝"};
    private static final String[] CORES = {"智元", "擎天", "灵犀", "天枢", "星衡", "云步", "启明", "极越", "深蓝", "鸿钧",
            "若水", "青禾", "岳衡", "知行", "穹宇", "锐思", "臻至", "远航", "曜石", "拓维"};
    private static final String[] TRADES = {"机器人", "智能科技", "具身智能", "传感技术", "精密驱动", "智能装备", "芯片设计",
            "自动化", "医疗机器人", "汽车零部件"};
    private static final String[] OTHER_POLICIES = {"上海市高新技术成果转化项目扶持", "上海市产业高质量发展专项资金",
            "国家重点研发计划配套资助", "闵行区科技创新专项资金", "上海市人工智能产业发展专项", "国家工业转型升级资金"};
    private static final Level[] OTHER_POLICY_LEVELS = {Level.MUNICIPAL, Level.MUNICIPAL, Level.NATIONAL, Level.DISTRICT,
            Level.MUNICIPAL, Level.NATIONAL};
    private static final String[] EXHIBITIONS = {"世界人工智能大会", "中国国际工业博览会", "汉诺威工业博览会",
            "国际消费电子展", "世界机器人大会", "东京国际机器人展"};
    private static final String[] PARTNERS = {"上海交通大学", "华东师范大学", "复旦大学", "同济大学", "中国科学院自动化研究所",
            "上海人工智能实验室"};
    private static final String[] OVERSEAS = {"慕尼黑工业大学", "新加坡国立大学", "东京大学", "苏黎世联邦理工学院",
            "Fraunhofer IPA"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"思远", "嘉怡", "子涵", "浩然", "雨桐", "俊杰", "若曦", "明轩", "欣然", "天佑"};

    private final long seed;

    public PopulationGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes {@code count} applicants, one JSON object per line: the format {@code policy batch} reads. */
    public static void writeJsonl(long seed, long count, Writer out) {
        PopulationGenerator generator = new PopulationGenerator(seed);
        try {
            for (long i = 0; i < count; i++) {
                out.write(ApplicationJson.toJsonLine(generator.applicant(i)));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code count} applicants, generated lazily in index order. */
    public Stream<Application> stream(long count) {
        return LongStream.range(0, count).mapToObj(this::applicant);
    }

    /** Applicant {@code index} (from 0) of this seed's population. */
    public Application applicant(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative, was " + index);
        }
        return new Draw(new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index)), index).application();
    }

    /** SplitMix64's finaliser: neighbouring indexes get unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The drawing of one applicant. */
    private static final class Draw {
        private final SplittableRandom random;
        private final long index;
        private final String enterpriseId;
        private final List<OtherAward> otherAwards = new ArrayList<>();
        private LocalDate applicationDate;

        Draw(SplittableRandom random, long index) {
            this.random = random;
            this.index = index;
            this.enterpriseId = String.format("E%07d", index + 1);
        }

        Application application() {
            Profile profile = Profile.draw(random);
            boolean chainLeader = profile == Profile.CHAIN_LEADER;
            Enterprise enterprise = new Enterprise(enterpriseId, companyName(),
                    chainLeader ? chance(40) : chance(96), chance(95), focusAreas(profile));
            applicationDate = applicationDate();
            Application.Builder b = Application.builder(String.format("APP-%07d", index + 1), applicationDate,
                    enterprise);
            switch (profile) {
                case COMPONENT_MAKER -> {
                    products(b, 1 + random.nextInt(3), 90);
                    if (chance(40)) catalogue(b);
                    if (chance(30)) compute(b);
                    if (chance(35)) exhibitions(b);
                    if (chance(30)) talents(b);
                }
                case ROBOT_BUYER -> {
                    purchases(b, 1 + random.nextInt(4));
                    if (chance(35)) scenarios(b, ScenarioGroup.RETAIL);
                    if (chance(20)) exhibitions(b);
                }
                case MANUFACTURER -> {
                    equipment(b);
                    if (chance(35)) demonstrations(b);
                    if (chance(40)) purchases(b, 1 + random.nextInt(3));
                    if (chance(15)) talents(b);
                }
                case SPIN_OFF -> {
                    openCalls(b);
                    if (chance(40)) compute(b);
                    if (chance(15)) pilots(b);
                    if (chance(35)) cooperations(b);
                    if (chance(30)) talents(b);
                }
                case SERVICE_ROBOTS -> {
                    scenarios(b, ScenarioGroup.values()[random.nextInt(ScenarioGroup.values().length)]);
                    if (chance(50)) vouchers(b);
                    if (chance(40)) exhibitions(b);
                    if (chance(30)) catalogue(b);
                    if (chance(25)) talents(b);
                }
                case PLATFORM -> {
                    b.operationPlatform(new OperationPlatform(functions(), chance(65)));
                    if (chance(70)) referrals(b);
                    if (chance(50)) clusters(b);
                    if (chance(20)) pilots(b);
                    if (chance(30)) cooperations(b);
                }
                case CHAIN_LEADER -> {
                    BigDecimal requested = chance(70) ? amount(5_000_000, 50_000_000, 100_000) : null;
                    b.chainLeaderSettlement(new ChainLeaderSettlement(chance(90), chance(85), requested));
                    if (requested != null) {
                        maybeOtherAward(enterpriseId, requested, 20);
                    }
                    if (chance(60)) products(b, 1 + random.nextInt(2), 95);
                    if (chance(50)) compute(b);
                    if (chance(30)) talents(b);
                }
                case SMALL_FIRM -> {
                    if (chance(50)) exhibitions(b);
                    if (chance(40)) talents(b);
                    if (chance(30)) cooperations(b);
                    if (chance(40)) scenarios(b, ScenarioGroup.values()[random.nextInt(ScenarioGroup.values().length)]);
                    if (chance(25)) products(b, 1, 60);
                    if (chance(20)) vouchers(b);
                }
            }
            otherAwards.forEach(b::otherAward);
            return b.build();
        }

        private LocalDate applicationDate() {
            if (chance(2)) {
                return pick(EDGES);
            }
            if (chance(2)) {
                return chance(50) ? FIRST_DAY.minusDays(1 + random.nextInt(90))
                        : FIRST_DAY.plusDays(DAYS_IN_FORCE + 1 + random.nextInt(90));
            }
            return FIRST_DAY.plusDays(random.nextInt(DAYS_IN_FORCE));
        }

        private void products(Application.Builder b, int count, int coreShare) {
            for (int i = 1; i <= count; i++) {
                ComponentCategory category = chance(coreShare)
                        ? pick(ComponentCategory.SERVO_SYSTEM, ComponentCategory.SENSOR, ComponentCategory.INTEGRATED_JOINT,
                        ComponentCategory.INTELLIGENT_CHIP, ComponentCategory.OTHER_CORE_COMPONENT)
                        : ComponentCategory.NOT_A_CORE_COMPONENT;
                String id = "P" + i;
                BigDecimal investment = amount(500_000, 20_000_000, 1_000);
                b.product(new ProductRnd(id, productName(category), category, investment, chance(85), chance(80)));
                maybeOtherAward(id, investment, 10);
            }
        }

        private void catalogue(Application.Builder b) {
            int count = 1 + random.nextInt(3);
            for (int i = 1; i <= count; i++) {
                BigDecimal sales = amount(1_000_000, 30_000_000, 1_000);
                b.catalogueProduct(new CatalogueProduct("C" + i, pick("协作机械臂", "巡检机器人", "导览机器人", "灵巧手",
                        "六维力传感器", "康养陪护机器人") + " " + (char) ('A' + i - 1), chance(70), sales));
                maybeOtherAward("C" + i, sales, 8);
            }
        }

        private void compute(Application.Builder b) {
            // An actual cost is for a year that has begun: never after the application date's year.
            int year = Math.min(2025 + random.nextInt(3), applicationDate.getYear());
            int count = 1 + random.nextInt(2);
            for (int i = 1; i <= count; i++) {
                String id = "CE" + i;
                BigDecimal cost = amount(1_000_000, 25_000_000, 1_000);
                b.computeExpense(new ComputeExpense(id, year, cost, chance(80)));
                maybeOtherAward(id, cost, 6);
            }
        }

        private void openCalls(Application.Builder b) {
            int n = 0;
            if (chance(70)) {
                String id = "OC" + (++n);
                List<String> partners = chance(85) ? List.of(pick(PARTNERS)) : List.of();
                BigDecimal requested = chance(80) ? amount(2_000_000, 15_000_000, 10_000) : null;
                if (chance(30)) {
                    // The project's prototype is also a core-component product (1.1): the same subject. Now and then
                    // review sets the open-call amount to exactly what 1.1 gives, a tie between two clauses.
                    BigDecimal investment = amount(3_000_000, 20_000_000, 1_000);
                    b.product(new ProductRnd(id, "揭榜项目样机", ComponentCategory.INTEGRATED_JOINT, investment, true,
                            chance(70)));
                    if (chance(35)) {
                        requested = investment.multiply(new BigDecimal("0.30")).min(new BigDecimal("3000000"))
                                .setScale(2, RoundingMode.HALF_UP);
                    }
                }
                b.openCallProject(new OpenCallProject(id, pick("高精度谐波减速器", "多模态感知大模型", "人形机器人运动控制",
                        "具身协同操作平台") + "揭榜项目", Level.DISTRICT, chance(80), partners, null, requested));
                maybeOtherAward(id, amount(5_000_000, 20_000_000, 1_000), 25);
            }
            if (n == 0 || chance(50)) {
                String id = "OC" + (++n);
                Level level = chance(85) ? Level.MUNICIPAL : Level.NATIONAL;
                BigDecimal funding = amount(1_000_000, 6_000_000, 10_000);
                b.openCallProject(new OpenCallProject(id, "市级揭榜挂帅任务" + n, level, chance(90),
                        chance(60) ? List.of(pick(PARTNERS)) : List.of(), funding, null));
                if (chance(25)) {
                    // The task also claims 4.2: sometimes for exactly what 2.2 gives, a tie between two clauses.
                    BigDecimal matched = funding.multiply(new BigDecimal("0.50")).setScale(2, RoundingMode.HALF_UP);
                    BigDecimal requested = chance(30) && matched.compareTo(new BigDecimal("1500000")) <= 0 ? matched
                            : chance(60) ? amount(500_000, 2_500_000, 10_000) : null;
                    b.demonstration(new Demonstration(id, "揭榜挂帅任务示范", DemonstrationType.OPEN_CALL_TASK, level,
                            true, requested));
                }
                maybeOtherAward(id, funding, 15);
            }
        }

        private void purchases(Application.Builder b, int count) {
            for (int i = 1; i <= count; i++) {
                String id = "B" + i;
                BigDecimal amount = amount(300_000, 8_000_000, 1_000);
                b.purchase(new Purchase(id, pick("人形机器人", "协作机械臂", "巡检机器狗", "物流搬运机器人", "灵巧手工作站"),
                        companyName(), chance(15), chance(90), chance(80), amount));
                maybeOtherAward(id, amount, 5);
            }
        }

        private void equipment(Application.Builder b) {
            int count = chance(80) ? 1 : 2;
            for (int i = 1; i <= count; i++) {
                Sector sector = chance(90) ? pick(Sector.AUTO_PARTS, Sector.ELECTRONIC_INFORMATION,
                        Sector.ADVANCED_EQUIPMENT_MANUFACTURING) : Sector.OTHER;
                String id = "EQ" + i;
                BigDecimal investment = amount(5_000_000, 300_000_000, 10_000);
                b.equipmentInvestment(new EquipmentInvestment(id, pick("焊装线", "总装线", "检测线", "冲压线", "SMT产线")
                        + "具身智能技术改造", sector, chance(90), investment));
                maybeOtherAward(id, investment, 8);
            }
        }

        private void demonstrations(Application.Builder b) {
            Level level = chance(75) ? Level.MUNICIPAL : pick(Level.NATIONAL, Level.DISTRICT);
            b.demonstration(new Demonstration("DM1", pick("汽车零部件", "电子装联", "精密装备") + "智能工厂",
                    chance(85) ? DemonstrationType.SMART_FACTORY : DemonstrationType.OTHER_DEMONSTRATION, level, chance(85),
                    chance(65) ? amount(500_000, 2_500_000, 10_000) : null));
        }

        private void scenarios(Application.Builder b, ScenarioGroup group) {
            int count = 1 + random.nextInt(2);
            for (int i = 1; i <= count; i++) {
                ScenarioType type = pick(group.types);
                Venue venue = chance(85) ? pick(group.venues) : Venue.OTHER;
                b.scenario(new Scenario("S" + i, group.label + "场景" + i, type, venue));
            }
        }

        private void vouchers(Application.Builder b) {
            int count = 1 + random.nextInt(2);
            for (int i = 1; i <= count; i++) {
                BigDecimal redeemed = amount(50_000, 600_000, 100);
                b.voucher(new InnovationVoucher("V" + i, chance(75), redeemed));
                maybeOtherAward("V" + i, redeemed, 8);
            }
        }

        private void referrals(Application.Builder b) {
            int count = 1 + random.nextInt(3);
            for (int i = 1; i <= count; i++) {
                BigDecimal requested = chance(75) ? amount(1_000_000, 40_000_000, 10_000) : null;
                b.referral(new Referral("R" + i, pick("具身智能整机", "关节模组", "灵巧手", "机器人操作系统") + "项目落地" + i,
                        chance(80), chance(85), requested));
                if (requested != null) {
                    maybeOtherAward("R" + i, requested, 10);
                }
            }
        }

        private void clusters(Application.Builder b) {
            b.cluster(new IndustryCluster("CL1", pick("大零号湾", "紫竹", "马桥人工智能") + pick("具身智能特色产业园",
                    "中小企业特色产业集群"), chance(50) ? ClusterType.CHARACTERISTIC_INDUSTRIAL_PARK
                    : ClusterType.SME_CHARACTERISTIC_CLUSTER, chance(80) ? pick(Level.MUNICIPAL, Level.NATIONAL)
                    : Level.DISTRICT));
        }

        private void pilots(Application.Builder b) {
            BigDecimal requested = chance(60) ? amount(2_000_000, 15_000_000, 10_000) : null;
            b.pilotPlatform(new PilotPlatform("PP1", "具身智能中试验证平台", chance(70), requested));
            if (requested != null) {
                maybeOtherAward("PP1", requested, 25);
            }
        }

        private void cooperations(Application.Builder b) {
            b.cooperation(new Cooperation("CO1", "具身智能国际联合实验室",
                    chance(85) ? List.of(pick(OVERSEAS)) : List.of()));
        }

        private void exhibitions(Application.Builder b) {
            int count = 1 + random.nextInt(3);
            for (int i = 1; i <= count; i++) {
                BigDecimal fee = amount(20_000, 400_000, 100);
                b.exhibition(new Exhibition("X" + i, pick(EXHIBITIONS), chance(80), fee));
                maybeOtherAward("X" + i, fee.multiply(new BigDecimal("3")), 8);
            }
        }

        private void talents(Application.Builder b) {
            int count = 1 + random.nextInt(3);
            for (int i = 1; i <= count; i++) {
                b.talent(new Talent("T" + i, pick(SURNAMES) + pick(GIVEN), chance(75)));
            }
        }

        private List<FundFocusArea> focusAreas(Profile profile) {
            int share = profile == Profile.COMPONENT_MAKER || profile == Profile.SPIN_OFF ? 50 : 15;
            if (!chance(share)) {
                return List.of();
            }
            FundFocusArea first = pick(FundFocusArea.values());
            FundFocusArea second = pick(FundFocusArea.values());
            return first == second ? List.of(first) : List.of(first, second);
        }

        private List<PlatformFunction> functions() {
            List<PlatformFunction> functions = new ArrayList<>();
            for (PlatformFunction f : PlatformFunction.values()) {
                if (chance(60)) {
                    functions.add(f);
                }
            }
            return functions;
        }

        /** An award under another policy for {@code subject}, in {@code percent} of cases, sized from its base. */
        private void maybeOtherAward(String subject, BigDecimal base, int percent) {
            if (!chance(percent)) {
                return;
            }
            long cents = base.movePointRight(2).longValueExact();
            long share = 5 + random.nextInt(36);  // 5% to 40% of the base, a typical range of matching grants
            long amount = cents * share / 100 / 1_000_000 * 10_000;  // whole ten-thousands of yuan
            if (amount == 0) {
                return;
            }
            int policy = random.nextInt(OTHER_POLICIES.length);
            otherAwards.add(new OtherAward("OA" + (otherAwards.size() + 1), OTHER_POLICIES[policy],
                    OTHER_POLICY_LEVELS[policy], subject, BigDecimal.valueOf(amount).setScale(2)));
        }

        private String companyName() {
            return pick(PLACES) + pick(CORES) + pick(TRADES) + "有限公司";
        }

        private String productName(ComponentCategory category) {
            return switch (category) {
                case SERVO_SYSTEM -> "高动态伺服系统";
                case SENSOR -> pick("六维力传感器", "触觉传感器", "激光雷达");
                case INTEGRATED_JOINT -> "一体化关节模组";
                case INTELLIGENT_CHIP -> "具身智能控制芯片";
                case OTHER_CORE_COMPONENT -> pick("谐波减速器", "灵巧手", "行星滚柱丝杠");
                case NOT_A_CORE_COMPONENT -> pick("机器人外壳", "展示终端", "充电桩");
            };
        }

        /**
         * An amount between {@code min} and {@code max} yuan on a logarithmic scale (a decade first, then a value
         * in it), rounded down to {@code step} yuan; one in twenty keeps fen. Integer arithmetic only; always
         * with two decimals, as amounts are written.
         */
        private BigDecimal amount(long min, long max, long step) {
            List<long[]> decades = new ArrayList<>();
            for (long low = 1; low <= max; low *= 10) {
                long from = Math.max(low, min);
                long to = Math.min(low * 10, max);
                if (from < to) {
                    decades.add(new long[]{from, to});
                }
            }
            long[] decade = decades.get(random.nextInt(decades.size()));
            long yuan = random.nextLong(decade[0], decade[1] + 1);
            if (chance(5)) {
                return BigDecimal.valueOf(yuan * 100 + random.nextInt(100), 2);
            }
            return BigDecimal.valueOf(Math.max(min, yuan / step * step)).setScale(2);
        }

        private boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }

        @SafeVarargs
        private <T> T pick(T... values) {
            return values[random.nextInt(values.length)];
        }
    }

    private enum Profile {
        COMPONENT_MAKER(20), ROBOT_BUYER(15), MANUFACTURER(14), SPIN_OFF(11), SERVICE_ROBOTS(15), PLATFORM(8),
        CHAIN_LEADER(3), SMALL_FIRM(14);

        private final int weight;

        Profile(int weight) {
            this.weight = weight;
        }

        static Profile draw(SplittableRandom random) {
            int r = random.nextInt(100);
            for (Profile p : values()) {
                r -= p.weight;
                if (r < 0) {
                    return p;
                }
            }
            throw new IllegalStateException("profile weights must add up to 100");
        }
    }

    private enum ScenarioGroup {
        RETAIL("商业零售", new ScenarioType[]{ScenarioType.GUIDED_TOUR, ScenarioType.CUSTOMER_RECEPTION,
                ScenarioType.UNMANNED_RETAIL, ScenarioType.SHOPPING_GUIDE, ScenarioType.SECURITY_PATROL,
                ScenarioType.IMMERSIVE_COMMERCE}, new Venue[]{Venue.COMMERCIAL_CENTRE, Venue.COMMERCIAL_STREET,
                Venue.CULTURAL_CREATIVE_BLOCK}),
        CARE("医疗康养", new ScenarioType[]{ScenarioType.MEDICAL_CARE, ScenarioType.REHABILITATION_COMPANION,
                ScenarioType.BRAIN_COMPUTER_INTERFACE, ScenarioType.NURSING_ASSISTANCE, ScenarioType.EMOTIONAL_COMPANIONSHIP},
                new Venue[]{Venue.HOSPITAL, Venue.ELDERLY_CARE_INSTITUTION, Venue.BCI_INDUSTRY_CLUSTER,
                        Venue.ELDERLY_TECH_PARK}),
        EDUCATION("教育陪伴", new ScenarioType[]{ScenarioType.EARLY_EDUCATION, ScenarioType.CLASSROOM_TEACHING,
                ScenarioType.LAB_CLASSROOM, ScenarioType.TRAINING_BASE}, new Venue[]{Venue.SCHOOL,
                Venue.VOCATIONAL_SCHOOL, Venue.COMMUNITY_EDUCATION});

        private final String label;
        private final ScenarioType[] types;
        private final Venue[] venues;

        ScenarioGroup(String label, ScenarioType[] types, Venue[] venues) {
            this.label = label;
            this.types = types;
            this.venues = venues;
        }
    }
}
