package cn.minhang.policy.engine;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The clauses of the policy, as split by the policy brief. Each names what its amounts are computed from and
 * the scope of its caps, so that an explanation reads like the sentence it encodes. Rates, caps and conditions
 * are not here: they live in the rules.
 */
public enum Clause {
    GENERAL("general", 0, 0, "一般条件", "General conditions", null, null, null, null, null, null),
    M1_1("1.1", 1, 1, "支持核心零部件与技术研发", "Core components and technology R&D",
            "研发投入", "R&D investment", "单款产品", "per-product", null, null),
    M1_2("1.2", 1, 2, "支持核心零部件与技术研发", "Core components and technology R&D",
            "算力实际费用", "actual computing cost", "每年", "yearly", "每年", "per applicant per year"),
    M2_1("2.1", 2, 1, "支持具身智能技术协同创新", "Collaborative innovation in embodied-intelligence technology",
            "申请金额", "requested amount", "单个项目", "per-project", null, null),
    M2_2("2.2", 2, 2, "支持具身智能技术协同创新", "Collaborative innovation in embodied-intelligence technology",
            "任务资助资金", "funding of the task", "单个任务", "per-task", null, null),
    M3_1("3.1", 3, 1, "支持爆款产品采购与应用示范", "Procurement and demonstration of hit products",
            "单款产品采购金额", "single-product purchase amount", "单个企业", "per-enterprise", "单个企业",
            "per enterprise"),
    M3_2("3.2", 3, 2, "支持爆款产品采购与应用示范", "Procurement and demonstration of hit products",
            "单款产品销售额", "single-product sales", "单个企业", "per-enterprise", "单个企业", "per enterprise"),
    M4_1("4.1", 4, 1, "推广“具身智能+工业制造”示范应用", "Embodied intelligence + industrial manufacturing",
            "新增设备投资额", "new equipment investment", "单个项目", "per-project", null, null),
    M4_2("4.2", 4, 2, "推广“具身智能+工业制造”示范应用", "Embodied intelligence + industrial manufacturing",
            "申请金额", "requested amount", "单个工厂或任务", "per-factory-or-task", null, null),
    M5("5", 5, 0, "推动“具身智能+商业零售”场景塑造", "Embodied intelligence + commercial retail",
            null, null, null, null, null, null),
    M6_1("6.1", 6, 1, "加快“具身智能+医疗康养”应用试点", "Embodied intelligence + medical and elderly care",
            null, null, null, null, null, null),
    M6_2("6.2", 6, 2, "加快“具身智能+医疗康养”应用试点", "Embodied intelligence + medical and elderly care",
            "市科技创新券实际兑现金额", "redeemed innovation voucher amount", null, null, null, null),
    M7("7", 7, 0, "推进“具身智能+教育陪伴”应用推广", "Embodied intelligence + education and companionship",
            null, null, null, null, null, null),
    M8("8", 8, 0, "支持高能级企业落地建设", "High-level enterprises settling in the district",
            "申请金额", "requested amount", "单个企业", "per-enterprise", null, null),
    M9("9", 9, 0, "打造具身智能产业集聚区", "Embodied-intelligence industry clusters",
            null, null, null, null, null, null),
    M10_1("10.1", 10, 1, "建设高能级产业平台", "High-level industry platforms",
            null, null, null, null, null, null),
    M10_2("10.2", 10, 2, "建设高能级产业平台", "High-level industry platforms",
            "申请金额", "requested amount", "单个引荐方", "per-referrer", "单个引荐方", "per referrer"),
    M11("11", 11, 0, "强化企业投融资服务", "Investment and financing services",
            null, null, null, null, null, null),
    M12("12", 12, 0, "健全创新转化机制", "Innovation transfer mechanism",
            "申请金额", "requested amount", "单个平台", "per-platform", null, null),
    M13_1("13.1", 13, 1, "推进全球开放合作", "Global open cooperation",
            null, null, null, null, null, null),
    M13_2("13.2", 13, 2, "推进全球开放合作", "Global open cooperation",
            "展位费", "booth fee", null, null, null, null),
    M14("14", 14, 0, "支持产业人才发展", "Industrial talent",
            null, null, null, null, null, null),
    CLOSING("closing", 15, 0, "施行期限与“从优、就高、不重复”", "Validity and 从优、就高、不重复",
            null, null, null, null, null, null);

    private static final Map<String, Clause> BY_ID = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Clause::id, Function.identity()));

    private final String id;
    private final int measure;
    private final int part;
    private final String titleZh;
    private final String titleEn;
    private final String baseZh;
    private final String baseEn;
    private final String capScopeZh;
    private final String capScopeEn;
    private final String aggregateScopeZh;
    private final String aggregateScopeEn;

    Clause(String id, int measure, int part, String titleZh, String titleEn, String baseZh, String baseEn,
           String capScopeZh, String capScopeEn, String aggregateScopeZh, String aggregateScopeEn) {
        this.id = id;
        this.measure = measure;
        this.part = part;
        this.titleZh = titleZh;
        this.titleEn = titleEn;
        this.baseZh = baseZh;
        this.baseEn = baseEn;
        this.capScopeZh = capScopeZh;
        this.capScopeEn = capScopeEn;
        this.aggregateScopeZh = aggregateScopeZh;
        this.aggregateScopeEn = aggregateScopeEn;
    }

    /** The clause with this id ("1.1", "5", "general", "closing"). */
    public static Clause of(String id) {
        Clause clause = BY_ID.get(id);
        if (clause == null) {
            throw new IllegalArgumentException("unknown clause id '" + id + "'; known: "
                    + Arrays.stream(values()).map(Clause::id).collect(Collectors.joining(", ")));
        }
        return clause;
    }

    public static boolean exists(String id) {
        return BY_ID.containsKey(id);
    }

    /** True for the clauses of the 14 measures, false for the general conditions and the closing paragraph. */
    public boolean isMeasureClause() {
        return measure >= 1 && measure <= 14;
    }

    public String id() {
        return id;
    }

    public int measure() {
        return measure;
    }

    /** Orders clauses as the text does: 1.1 before 2.1 before 10.2. */
    public int rank() {
        return measure * 10 + part;
    }

    /** "第1条第1款", "第5条". */
    public String labelZh() {
        if (this == GENERAL) {
            return "一般条件";
        }
        if (this == CLOSING) {
            return "结语条款";
        }
        return "第" + measure + "条" + (part == 0 ? "" : "第" + part + "款");
    }

    /** "Clause 1.1". */
    public String labelEn() {
        if (this == GENERAL) {
            return "General conditions";
        }
        if (this == CLOSING) {
            return "Closing paragraph";
        }
        return "Clause " + id;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }

    public String baseZh() {
        return baseZh;
    }

    public String baseEn() {
        return baseEn;
    }

    public String capScopeZh() {
        return capScopeZh;
    }

    public String capScopeEn() {
        return capScopeEn;
    }

    public String aggregateScopeZh() {
        return aggregateScopeZh;
    }

    public String aggregateScopeEn() {
        return aggregateScopeEn;
    }
}
