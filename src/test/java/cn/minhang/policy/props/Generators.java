package cn.minhang.policy.props;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ApplicationChecks;
import cn.minhang.policy.model.ComputeExpense;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.MayBeAbsent;
import cn.minhang.policy.model.OtherAward;
import cn.minhang.policy.model.ProductRnd;

/**
 * Random valid applications with facts of every type of the model. The generator reads the model's records, so
 * a field or an enum constant added to the model is generated without a change here.
 *
 * <p>Values are drawn to reach the interesting places: amounts at and one fen around every cap's threshold, round
 * amounts that tie with another award, ids shared between lists (the same subject under two clauses), awards
 * under other policies for those subjects, application dates on and just outside the period of validity, and
 * applicants that fail a general condition. A compute expense is never for a year after the application date's.
 */
final class Generators {
    /** The ids facts are drawn from: few, so that subjects are shared across lists. */
    private static final List<String> IDS = List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8");
    private static final List<String> NAMES = List.of("一体化关节模组", "力矩传感器", "伺服系统", "智能芯片",
            "示范工厂", "揭榜挂帅项目", "Servo X2", "上海交通大学", "Fraunhofer IPA", "东方英才", "世界人工智能大会");
    /** Amounts where a clause changes its answer: caps, their thresholds and one fen either side, and extremes. */
    private static final List<BigDecimal> SPECIAL = Stream.of("0", "0.00", "0.01", "0.05", "1", "1E+7", "100000",
                    "1000000", "1200000", "1500000", "1500000.01", "2000000", "2000000.01", "2400000", "2800000",
                    "3000000", "3000000.01", "4000000", "5000000", "5000000.01", "6000000", "9999999.98", "10000000",
                    "10000000.01", "15000000", "16666666.66", "16666666.67", "20000000", "20000000.01", "30000000",
                    "30000000.01", "200000000", "200000000.01", "250000000", "100000000000")
            .map(BigDecimal::new).toList();
    private static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO = LocalDate.of(2027, 12, 31);
    private static final List<LocalDate> EDGE_DATES = List.of(LocalDate.of(2024, 12, 31), FROM, TO,
            LocalDate.of(2028, 1, 1), LocalDate.of(2020, 6, 1), LocalDate.of(2030, 1, 1));

    private Generators() {
    }

    /** A random valid application. */
    static Application application(SplittableRandom r) {
        RecordComponent[] components = Application.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Set<String> subjects = new LinkedHashSet<>();
        Enterprise enterprise = enterprise(r);
        subjects.add(enterprise.id());
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Class<?> type = c.getType();
            switch (c.getName()) {
                case "id" -> values[i] = "A" + r.nextInt(1, 1000);
                case "applicationDate" -> values[i] = r.nextInt(100) < 85
                        ? FROM.plusDays(r.nextLong(FROM.until(TO, java.time.temporal.ChronoUnit.DAYS) + 1))
                        : EDGE_DATES.get(r.nextInt(EDGE_DATES.size()));
                case "enterprise" -> values[i] = enterprise;
                case "otherAwards" -> values[i] = List.of();
                default -> {
                    if (type == List.class) {
                        Class<?> element = elementType(c);
                        int size = r.nextInt(100) < 40 ? 0 : r.nextInt(1, 5);
                        List<String> ids = new ArrayList<>(IDS);
                        Collections.shuffle(ids, new java.util.Random(r.nextLong()));
                        List<Object> facts = new ArrayList<>();
                        for (int k = 0; k < size; k++) {
                            facts.add(record(element, ids.get(k), r));
                            subjects.add(ids.get(k));
                        }
                        values[i] = facts;
                    } else if (type.isRecord()) {
                        values[i] = r.nextBoolean() ? record(type, null, r) : null;
                    } else {
                        throw new IllegalStateException("no generator for Application." + c.getName());
                    }
                }
            }
        }
        Application withoutAwards = withPastYears(build(Application.class, values));
        int awards = r.nextInt(100) < 50 ? 0 : r.nextInt(1, 4);
        List<OtherAward> otherAwards = new ArrayList<>();
        List<String> candidates = new ArrayList<>(subjects);
        for (int k = 0; k < awards; k++) {
            OtherAward generated = (OtherAward) record(OtherAward.class, "O" + (k + 1), r);
            otherAwards.add(new OtherAward(generated.id(), generated.policy(), generated.level(),
                    candidates.get(r.nextInt(candidates.size())), generated.amount()));
        }
        Application a = with(withoutAwards, "otherAwards", otherAwards);
        return r.nextInt(100) < 50 ? withTie(a, r) : a;
    }

    /** The application with every compute expense moved to the year of the application date if it was later. */
    private static Application withPastYears(Application a) {
        int year = a.applicationDate().getYear();
        if (a.computeExpenses().stream().noneMatch(e -> e.year() > year)) {
            return a;
        }
        List<ComputeExpense> expenses = new ArrayList<>();
        for (ComputeExpense e : a.computeExpenses()) {
            expenses.add(e.year() > year ? new ComputeExpense(e.id(), year, e.actualCost(), e.majorInnovation()) : e);
        }
        return with(a, "computeExpenses", expenses);
    }

    /** Where each clause's base is, by fact type: what the policy brief's table computes each clause from. */
    private static final List<String[]> BASES = List.of(
            new String[]{"products", "rndInvestment", "1.1"},
            new String[]{"computeExpenses", "actualCost", "1.2"},
            new String[]{"openCallProjects", "requested", "2.1"},
            new String[]{"openCallProjects", "funding", "2.2"},
            new String[]{"purchases", "amount", "3.1"},
            new String[]{"catalogueProducts", "sales", "3.2"},
            new String[]{"equipmentInvestments", "newEquipmentInvestment", "4.1"},
            new String[]{"demonstrations", "requested", "4.2"},
            new String[]{"vouchers", "redeemedAmount", "6.2"},
            new String[]{"referrals", "requested", "10.2"},
            new String[]{"pilotPlatforms", "requested", "12"},
            new String[]{"exhibitions", "boothFee", "13.2"});

    /**
     * The application with a tie for one subject: an award under another policy of exactly the amount a clause of
     * this policy would give (from the brief's table), or, for a product that is also a compute expense, the same
     * base at the same rate. Ties are where 从优、就高 must pick by its tie-break, and random amounts rarely meet.
     */
    private static Application withTie(Application a, SplittableRandom r) {
        List<Object[]> bases = new ArrayList<>();
        for (String[] b : BASES) {
            for (Object fact : (List<?>) get(component(b[0]), a)) {
                BigDecimal base = (BigDecimal) get(component(fact.getClass(), b[1]), fact);
                if (base != null) {
                    bases.add(new Object[]{fact, base, b[2]});
                }
            }
        }
        if (bases.isEmpty()) {
            return a;
        }
        if (r.nextBoolean() && !a.products().isEmpty() && !a.computeExpenses().isEmpty()) {
            ProductRnd p = a.products().get(r.nextInt(a.products().size()));
            List<ComputeExpense> expenses = new ArrayList<>(a.computeExpenses());
            int i = r.nextInt(expenses.size());
            String previous = expenses.get(i).id();
            boolean idFree = expenses.stream().noneMatch(e -> e.id().equals(p.id()));
            boolean awardsKeepSubject = a.otherAwards().stream().noneMatch(o -> o.subject().equals(previous));
            if ((idFree || previous.equals(p.id())) && awardsKeepSubject) {
                ComputeExpense e = expenses.get(i);
                expenses.set(i, new ComputeExpense(p.id(), e.year(), p.rndInvestment(), e.majorInnovation()));
                return with(a, "computeExpenses", expenses);
            }
        }
        Object[] chosen = bases.get(r.nextInt(bases.size()));
        PolicyTableRates rates = PolicyTableRates.of((String) chosen[2]);
        BigDecimal candidate = ((BigDecimal) chosen[1]).multiply(rates.rate());
        if (rates.cap() != null) {
            candidate = candidate.min(rates.cap());
        }
        candidate = candidate.setScale(2, java.math.RoundingMode.HALF_UP);
        String subject = (String) get(component(chosen[0].getClass(), "id"), chosen[0]);
        List<OtherAward> awards = new ArrayList<>(a.otherAwards());
        OtherAward generated = (OtherAward) record(OtherAward.class, "O" + (awards.size() + 1), r);
        awards.add(new OtherAward(generated.id(), generated.policy(), generated.level(), subject, candidate));
        return with(a, "otherAwards", awards);
    }

    /** The rate and per-item cap of a clause, from the test's copy of the brief's table. */
    private record PolicyTableRates(BigDecimal rate, BigDecimal cap) {
        static PolicyTableRates of(String clause) {
            PolicyTable.Clause c = PolicyTable.of(clause);
            return new PolicyTableRates(c.rate(), c.perItem());
        }
    }

    /** A random application with at least one fact of {@code type} in the list {@code list}. */
    static Application applicationWith(SplittableRandom r, String list, Class<?> type) {
        Application a = application(r);
        @SuppressWarnings("unchecked")
        List<Object> facts = new ArrayList<>((List<Object>) get(component(list), a));
        if (facts.isEmpty()) {
            facts.add(record(type, IDS.get(r.nextInt(IDS.size())), r));
            a = with(a, list, facts);
        }
        return withPastYears(a);
    }

    private static Enterprise enterprise(SplittableRandom r) {
        Enterprise e = (Enterprise) record(Enterprise.class, r.nextInt(100) < 95 ? "E1" : IDS.get(r.nextInt(IDS.size())), r);
        return new Enterprise(e.id(), e.name(), r.nextInt(100) < 90, r.nextInt(100) < 90, e.fundFocusAreas());
    }

    /** A random fact of a record type of the model, with the given id. */
    static Object record(Class<?> type, String id, SplittableRandom r) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            values[i] = value(c, id, r);
        }
        return build(type, values);
    }

    private static Object value(RecordComponent c, String id, SplittableRandom r) {
        Class<?> type = c.getType();
        boolean optional = c.isAnnotationPresent(MayBeAbsent.class);
        if (optional && r.nextInt(100) < 30) {
            return null;
        }
        if (c.getName().equals("id")) {
            return id;
        }
        if (type == String.class) {
            return NAMES.get(r.nextInt(NAMES.size()));
        }
        if (type == boolean.class) {
            int percentTrue = c.getName().toLowerCase().contains("affiliated") ? 25 : 75;
            return r.nextInt(100) < percentTrue;
        }
        if (type == int.class) {
            return c.getName().equals("year") ? r.nextInt(2024, 2029) : r.nextInt(0, 10);
        }
        if (type == BigDecimal.class) {
            return amount(r);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[r.nextInt(constants.length)];
        }
        if (type == List.class) {
            Class<?> element = elementType(c);
            if (element == String.class) {
                int n = r.nextInt(100) < 30 ? 0 : r.nextInt(1, 4);
                List<Object> names = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    names.add(NAMES.get(r.nextInt(NAMES.size())));
                }
                return names;
            }
            if (element.isEnum()) {
                List<Object> constants = new ArrayList<>(Arrays.asList(element.getEnumConstants()));
                Collections.shuffle(constants, new java.util.Random(r.nextLong()));
                return new ArrayList<>(constants.subList(0, r.nextInt(constants.size() + 1)));
            }
        }
        if (type.isRecord()) {
            return record(type, id, r);
        }
        throw new IllegalStateException("no generator for " + c);
    }

    /** An amount in yuan, to the fen, from 0 to the largest the model accepts. */
    static BigDecimal amount(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 20) {
            return SPECIAL.get(r.nextInt(SPECIAL.size()));
        }
        if (k < 50) {
            return BigDecimal.valueOf(r.nextLong(1, 101) * 100_000L);
        }
        if (k < 60) {
            return BigDecimal.valueOf(r.nextLong(1, 301) * 1_000_000L);
        }
        int digits = r.nextInt(1, 14);
        long cents = r.nextLong((long) Math.pow(10, digits)) + 1;
        return BigDecimal.valueOf(Math.min(cents, 10_000_000_000_000L), 2);
    }

    /** Smaller applications that are still valid: one fact, an optional fact or an award less. */
    static Stream<Application> shrink(Application a) {
        List<Application> smaller = new ArrayList<>();
        for (RecordComponent c : Application.class.getRecordComponents()) {
            Object value = get(c, a);
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    List<Object> fewer = new ArrayList<>(list);
                    fewer.remove(i);
                    smaller.add(with(a, c.getName(), fewer));
                }
            } else if (value instanceof Record && c.isAnnotationPresent(MayBeAbsent.class)) {
                smaller.add(with(a, c.getName(), null));
            }
        }
        return smaller.stream().filter(s -> ApplicationChecks.problems(s).isEmpty());
    }

    /** A copy of {@code a} with one component replaced. */
    static Application with(Application a, String component, Object value) {
        RecordComponent[] components = Application.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals(component) ? value : get(components[i], a);
        }
        return build(Application.class, values);
    }

    /** A copy of a fact with one component replaced. */
    static <T> T withField(T fact, String component, Object value) {
        RecordComponent[] components = fact.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals(component) ? value : get(components[i], fact);
        }
        @SuppressWarnings("unchecked")
        T copy = (T) build(fact.getClass(), values);
        return copy;
    }

    static RecordComponent component(String name) {
        return component(Application.class, name);
    }

    static RecordComponent component(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " has no " + name));
    }

    static Object get(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> elementType(RecordComponent c) {
        return (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
    }

    private static <T> T build(Class<T> type, Object[] values) {
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(Arrays.stream(type.getRecordComponents())
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the generator built an invalid " + type.getSimpleName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
