package cn.minhang.policy.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.minhang.policy.engine.MostFavourable;
import cn.minhang.policy.engine.Status;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.CatalogueProduct;
import cn.minhang.policy.model.ChainLeaderSettlement;
import cn.minhang.policy.model.ClusterType;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.ComputeExpense;
import cn.minhang.policy.model.Cooperation;
import cn.minhang.policy.model.Demonstration;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.EquipmentInvestment;
import cn.minhang.policy.model.Exhibition;
import cn.minhang.policy.model.IndustryCluster;
import cn.minhang.policy.model.InnovationVoucher;
import cn.minhang.policy.model.Level;
import cn.minhang.policy.model.OpenCallProject;
import cn.minhang.policy.model.OperationPlatform;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.PilotPlatform;
import cn.minhang.policy.model.ProductRnd;
import cn.minhang.policy.model.Purchase;
import cn.minhang.policy.model.Referral;
import cn.minhang.policy.model.Scenario;
import cn.minhang.policy.model.ScenarioType;
import cn.minhang.policy.model.Sector;
import cn.minhang.policy.model.Talent;
import cn.minhang.policy.model.Venue;

/**
 * The policy's clauses, caps and 不重复 as ordinary Java: the floor a rules engine can approach. It produces the
 * status and amount of every (clause, subject) line, the aggregate-cap adjustments, the other-policy awards to
 * forgo and the total, and nothing else: no explanations, no readings, no rule names.
 *
 * <p>Benchmark code only. The rules in {@code rules/} are the policy; this copy exists to be timed, and
 * {@link Agreement} checks that it grants what the engine grants before it is.
 */
public final class Baseline {
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2027, 12, 31);

    private static final BigDecimal P100 = BigDecimal.ONE;
    private static final BigDecimal P50 = new BigDecimal("0.50");
    private static final BigDecimal P30 = new BigDecimal("0.30");
    private static final BigDecimal P20 = new BigDecimal("0.20");
    private static final BigDecimal P10 = new BigDecimal("0.10");

    private static final BigDecimal M1 = new BigDecimal("1000000");
    private static final BigDecimal M1_5 = new BigDecimal("1500000");
    private static final BigDecimal M2 = new BigDecimal("2000000");
    private static final BigDecimal M3 = new BigDecimal("3000000");
    private static final BigDecimal M5 = new BigDecimal("5000000");
    private static final BigDecimal M10 = new BigDecimal("10000000");
    private static final BigDecimal M20 = new BigDecimal("20000000");
    private static final BigDecimal M30 = new BigDecimal("30000000");

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private static final Set<Sector> SECTORS_4_1 =
            EnumSet.of(Sector.AUTO_PARTS, Sector.ELECTRONIC_INFORMATION, Sector.ADVANCED_EQUIPMENT_MANUFACTURING);
    private static final Set<ScenarioType> COMMERCIAL = EnumSet.of(ScenarioType.GUIDED_TOUR,
            ScenarioType.CUSTOMER_RECEPTION, ScenarioType.UNMANNED_RETAIL, ScenarioType.SHOPPING_GUIDE,
            ScenarioType.SECURITY_PATROL, ScenarioType.IMMERSIVE_COMMERCE);
    private static final Set<Venue> COMMERCIAL_VENUES =
            EnumSet.of(Venue.COMMERCIAL_CENTRE, Venue.COMMERCIAL_STREET, Venue.CULTURAL_CREATIVE_BLOCK);
    private static final Set<ScenarioType> MEDICAL = EnumSet.of(ScenarioType.MEDICAL_CARE,
            ScenarioType.REHABILITATION_COMPANION, ScenarioType.BRAIN_COMPUTER_INTERFACE,
            ScenarioType.NURSING_ASSISTANCE, ScenarioType.EMOTIONAL_COMPANIONSHIP);
    private static final Set<Venue> MEDICAL_VENUES = EnumSet.of(Venue.HOSPITAL, Venue.ELDERLY_CARE_INSTITUTION,
            Venue.BCI_INDUSTRY_CLUSTER, Venue.ELDERLY_TECH_PARK);
    private static final Set<ScenarioType> EDUCATION = EnumSet.of(ScenarioType.EARLY_EDUCATION,
            ScenarioType.CLASSROOM_TEACHING, ScenarioType.LAB_CLASSROOM, ScenarioType.TRAINING_BASE);

    private Baseline() {
    }

    /**
     * One line: a (clause, subject) with its status and amount, or an AGGREGATE_CAP adjustment of a clause's
     * group (its subject is the enterprise, its amount the negative reduction).
     */
    public record Line(String clause, String subject, Status status, BigDecimal amount, String group) {
    }

    /** What the baseline grants one application. */
    public record Result(List<Line> lines, List<String> forgone, int measuresWithLines, BigDecimal total) {
        /** The measures 1..14 with no line, as the engine's {@code measuresNotApplicable}. */
        public List<Integer> measuresNotApplicable() {
            List<Integer> none = new ArrayList<>();
            for (int m = 1; m <= 14; m++) {
                if ((measuresWithLines & (1 << m)) == 0) {
                    none.add(m);
                }
            }
            return none;
        }
    }

    /** A monetary award that passed its clause's conditions and the general gate: it competes for its subject. */
    private static final class Award {
        final String clause;
        final int rank;
        final String subject;
        final BigDecimal amount;
        final boolean capped;
        final String group;
        Status status;

        Award(String clause, int rank, String subject, BigDecimal amount, boolean capped, String group) {
            this.clause = clause;
            this.rank = rank;
            this.subject = subject;
            this.amount = amount;
            this.capped = capped;
            this.group = group;
        }
    }

    /** Collects the lines of one application. */
    private static final class Work {
        final boolean gateAll;
        final boolean gateExcept8;
        final List<Line> lines = new ArrayList<>();
        final List<Award> awards = new ArrayList<>();
        int measures;

        Work(Application a) {
            Enterprise e = a.enterprise();
            LocalDate day = a.applicationDate();
            gateAll = !e.embodiedAiField() || day.isBefore(FROM) || day.isAfter(TO);
            gateExcept8 = !e.locatedInDistrict();
        }

        private boolean gated(String clause) {
            return gateAll || gateExcept8 && !"8".equals(clause);
        }

        private void line(String clause, int measure, String subject, Status status) {
            lines.add(new Line(clause, subject, status, ZERO, ""));
            measures |= 1 << measure;
        }

        void notEligible(String clause, int measure, String subject) {
            line(clause, measure, subject, Status.NOT_ELIGIBLE);
        }

        void support(String clause, int measure, String subject) {
            line(clause, measure, subject, gated(clause) ? Status.NOT_ELIGIBLE : Status.SUPPORT);
        }

        void ceiling(String clause, int measure, String subject) {
            line(clause, measure, subject, gated(clause) ? Status.NOT_ELIGIBLE : Status.CEILING);
        }

        /** rate × base, at most cap (null: none), rounded once to the fen. */
        void award(String clause, int measure, int rank, String subject, BigDecimal base, BigDecimal rate,
                   BigDecimal cap, String group) {
            measures |= 1 << measure;
            if (gated(clause)) {
                lines.add(new Line(clause, subject, Status.NOT_ELIGIBLE, ZERO, ""));
                return;
            }
            BigDecimal computed = base.multiply(rate);
            boolean capped = cap != null && computed.compareTo(cap) > 0;
            BigDecimal amount = (capped ? cap : computed).setScale(2, RoundingMode.HALF_UP);
            awards.add(new Award(clause, rank, subject, amount, capped, group));
        }
    }

    /** Decides one application. */
    public static Result decide(Application a) {
        Work w = new Work(a);
        String enterprise = a.enterprise().id();

        for (ProductRnd p : a.products()) {
            if (p.category() != ComponentCategory.NOT_A_CORE_COMPONENT && p.ownIp() && p.marketSales()) {
                w.award("1.1", 1, 1, p.id(), p.rndInvestment(), P30, M3, "");
            } else {
                w.notEligible("1.1", 1, p.id());
            }
        }
        for (ComputeExpense c : a.computeExpenses()) {
            if (c.majorInnovation()) {
                w.award("1.2", 1, 2, c.id(), c.actualCost(), P30, M5, String.valueOf(c.year()));
            } else {
                w.notEligible("1.2", 1, c.id());
            }
        }
        for (OpenCallProject p : a.openCallProjects()) {
            if (p.level() == Level.DISTRICT) {
                if (p.selected() && !p.academicPartners().isEmpty()) {
                    if (p.requested() != null) {
                        w.award("2.1", 2, 3, p.id(), p.requested(), P100, M10, "");
                    } else {
                        w.ceiling("2.1", 2, p.id());
                    }
                } else {
                    w.notEligible("2.1", 2, p.id());
                }
            } else if (p.level() == Level.MUNICIPAL && p.selected() && p.funding() != null) {
                // 2.2 matches a task set at municipal level only: a national task is not eligible under it.
                w.award("2.2", 2, 4, p.id(), p.funding(), P50, M2, "");
            } else {
                w.notEligible("2.2", 2, p.id());
            }
        }
        for (Purchase p : a.purchases()) {
            if (!p.supplierAffiliated() && p.appliedInRealScenario() && p.demonstrationEffect()) {
                w.award("3.1", 3, 5, p.id(), p.amount(), P20, M2, "");
            } else {
                w.notEligible("3.1", 3, p.id());
            }
        }
        for (CatalogueProduct p : a.catalogueProducts()) {
            if (p.listedInMunicipalCatalogue()) {
                w.award("3.2", 3, 6, p.id(), p.sales(), P10, M1, "");
            } else {
                w.notEligible("3.2", 3, p.id());
            }
        }
        for (EquipmentInvestment i : a.equipmentInvestments()) {
            if (SECTORS_4_1.contains(i.sector()) && i.embodiedAiTransformation()) {
                w.award("4.1", 4, 7, i.id(), i.newEquipmentInvestment(), P10, M20, "");
            } else {
                w.notEligible("4.1", 4, i.id());
            }
        }
        for (Demonstration d : a.demonstrations()) {
            if (d.level() != Level.DISTRICT && d.largeScaleEmbodiedAi()) {
                if (d.requested() != null) {
                    w.award("4.2", 4, 8, d.id(), d.requested(), P100, M1_5, "");
                } else {
                    w.ceiling("4.2", 4, d.id());
                }
            } else {
                w.notEligible("4.2", 4, d.id());
            }
        }
        for (Scenario s : a.scenarios()) {
            if (COMMERCIAL.contains(s.type())) {
                if (COMMERCIAL_VENUES.contains(s.venue())) {
                    w.support("5", 5, s.id());
                } else {
                    w.notEligible("5", 5, s.id());
                }
            } else if (MEDICAL.contains(s.type())) {
                if (MEDICAL_VENUES.contains(s.venue())) {
                    w.support("6.1", 6, s.id());
                } else {
                    w.notEligible("6.1", 6, s.id());
                }
            } else if (EDUCATION.contains(s.type())) {
                w.support("7", 7, s.id());
            }
        }
        for (InnovationVoucher v : a.vouchers()) {
            if (v.elderlyCareProductTesting()) {
                w.award("6.2", 6, 11, v.id(), v.redeemedAmount(), P50, null, "");
            } else {
                w.notEligible("6.2", 6, v.id());
            }
        }
        ChainLeaderSettlement settlement = a.chainLeaderSettlement();
        if (settlement != null) {
            if (settlement.newlySettled() && settlement.recognisedChainLeader()) {
                if (settlement.requested() != null) {
                    w.award("8", 8, 13, enterprise, settlement.requested(), P100, M30, "");
                } else {
                    w.ceiling("8", 8, enterprise);
                }
            } else {
                w.notEligible("8", 8, enterprise);
            }
        }
        for (IndustryCluster k : a.clusters()) {
            if (k.level() == Level.DISTRICT) {
                w.notEligible("9", 9, k.id());
            } else if (k.type() == ClusterType.SME_CHARACTERISTIC_CLUSTER
                    || k.type() == ClusterType.CHARACTERISTIC_INDUSTRIAL_PARK) {
                w.support("9", 9, k.id());
            }
        }
        OperationPlatform platform = a.operationPlatform();
        if (platform != null) {
            if (platform.functions().isEmpty()) {
                w.notEligible("10.1", 10, enterprise);
            } else {
                w.support("10.1", 10, enterprise);
            }
        }
        boolean certified = platform != null && platform.certifiedPartner();
        for (Referral r : a.referrals()) {
            if (certified && r.landed() && r.fitsIndustrialPositioning()) {
                if (r.requested() != null) {
                    w.award("10.2", 10, 17, r.id(), r.requested(), P100, M30, "");
                } else {
                    w.ceiling("10.2", 10, r.id());
                }
            } else {
                w.notEligible("10.2", 10, r.id());
            }
        }
        if (!a.enterprise().fundFocusAreas().isEmpty()) {
            w.support("11", 11, enterprise);
        }
        for (PilotPlatform p : a.pilotPlatforms()) {
            if (p.selectedMunicipal()) {
                if (p.requested() != null) {
                    w.award("12", 12, 19, p.id(), p.requested(), P100, M10, "");
                } else {
                    w.ceiling("12", 12, p.id());
                }
            } else {
                w.notEligible("12", 12, p.id());
            }
        }
        for (Cooperation c : a.cooperations()) {
            if (c.overseasPartners().isEmpty()) {
                w.notEligible("13.1", 13, c.id());
            } else {
                w.support("13.1", 13, c.id());
            }
        }
        for (Exhibition x : a.exhibitions()) {
            if (x.internationallyInfluential()) {
                w.award("13.2", 13, 21, x.id(), x.boothFee(), P100, null, "");
            } else {
                w.notEligible("13.2", 13, x.id());
            }
        }
        for (Talent t : a.talents()) {
            if (t.meetsCriteria()) {
                w.support("14", 14, t.id());
            } else {
                w.notEligible("14", 14, t.id());
            }
        }

        List<String> forgone = noDoubleAwards(w.awards, a.otherAwards());
        BigDecimal total = ZERO;
        for (Award aw : w.awards) {
            BigDecimal amount = aw.status == Status.EXCLUDED ? ZERO : aw.amount;
            w.lines.add(new Line(aw.clause, aw.subject, aw.status, amount, ""));
            total = total.add(amount);
        }
        total = total.add(aggregateCaps(w.awards, enterprise, w.lines));
        return new Result(w.lines, forgone, w.measures, total);
    }

    /** The aggregate caps: 1.2 per year, 3.1 and 3.2 per enterprise, 10.2 per referrer. */
    private static final Map<String, BigDecimal> AGGREGATE_CAPS = Map.of("1.2", M5, "3.1", M2, "3.2", M1, "10.2", M30);

    /**
     * 从优、就高、不重复 with the aggregate caps in view: one award stands per subject, chosen so that the applicant
     * receives the most in all (ties: this policy's award, then the lower clause, then the subject with the lower
     * id); every other award for the subject is excluded, and every other policy's award for a subject that this
     * policy's award wins must be forgone. The choice is the engine's own {@link MostFavourable#choose}, the same
     * plain Java the rules call, so the baseline times the policy's arithmetic rather than a second copy of it.
     * Sets each award's status; returns the awards to forgo.
     */
    private static List<String> noDoubleAwards(List<Award> awards, List<OtherAward> others) {
        if (awards.isEmpty()) {
            return List.of();
        }
        Map<MostFavourable.Candidate, Award> byCandidate = new HashMap<>();
        for (Award a : awards) {
            byCandidate.put(new MostFavourable.Candidate(a.subject, a.clause, a.rank, a.amount, a.group), a);
        }
        Map<String, OtherAward> highest = new HashMap<>();
        for (OtherAward o : others) {
            highest.merge(o.subject(), o, (x, y) -> {
                int c = x.amount().compareTo(y.amount());
                return c > 0 || c == 0 && x.id().compareTo(y.id()) < 0 ? x : y;
            });
        }
        Map<String, MostFavourable.Rival> rivals = new HashMap<>();
        for (Award a : awards) {
            OtherAward o = highest.get(a.subject);
            if (o != null) {
                rivals.put(a.subject, new MostFavourable.Rival(a.subject, o.id(), o.amount()));
            }
        }
        MostFavourable.Choice choice = MostFavourable.choose(byCandidate.keySet(), rivals, AGGREGATE_CAPS);
        for (Map.Entry<MostFavourable.Candidate, Award> e : byCandidate.entrySet()) {
            Award a = e.getValue();
            boolean stands = e.getKey().equals(choice.standing().get(a.subject));
            a.status = !stands ? Status.EXCLUDED : a.capped ? Status.CAPPED : Status.GRANTED;
        }
        List<String> forgone = new ArrayList<>();
        for (OtherAward o : others) {
            if (choice.standing().containsKey(o.subject())) {
                forgone.add(o.id());
            }
        }
        return forgone;
    }

    /**
     * The aggregate caps, applied to what was granted: 1.2 at 5,000,000 per year, 3.1 at 2,000,000, 3.2 at
     * 1,000,000 and 10.2 at 30,000,000 per enterprise. Adds an AGGREGATE_CAP line for each that cuts; returns
     * the sum of the cuts (negative).
     */
    private static BigDecimal aggregateCaps(List<Award> awards, String enterprise, List<Line> lines) {
        Map<String, BigDecimal> sums = null;
        for (Award a : awards) {
            if (a.status == Status.EXCLUDED) {
                continue;
            }
            if (a.clause.equals("1.2") || a.clause.equals("3.1") || a.clause.equals("3.2") || a.clause.equals("10.2")) {
                if (sums == null) {
                    sums = new HashMap<>();
                }
                sums.merge(a.clause + "\u0000" + a.group, a.amount, BigDecimal::add);
            }
        }
        if (sums == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal cuts = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : sums.entrySet()) {
            int split = e.getKey().indexOf('\u0000');
            String clause = e.getKey().substring(0, split);
            BigDecimal cap = switch (clause) {
                case "1.2" -> M5;
                case "3.1" -> M2;
                case "3.2" -> M1;
                default -> M30;
            };
            if (e.getValue().compareTo(cap) > 0) {
                BigDecimal reduction = cap.subtract(e.getValue());
                lines.add(new Line(clause, enterprise, Status.AGGREGATE_CAP, reduction, e.getKey().substring(split + 1)));
                cuts = cuts.add(reduction);
            }
        }
        return cuts;
    }
}
