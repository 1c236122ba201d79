package cn.minhang.policy.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks that span several facts of an application: ids unique within each list, every award under another
 * policy naming a subject of this application, and no compute expense for a year after the year of the
 * application date (an actual cost cannot lie in the future). Each fact checks its own values when it is built.
 */
public final class ApplicationChecks {
    /** A list of the application whose items have ids, by its name in the JSON document. */
    private record IdList<T>(String name, Function<Application, List<T>> items, Function<T, String> id) {
    }

    /** The lists whose ids are subjects an award under another policy may name, in the document's order. */
    private static final List<IdList<?>> SUBJECT_LISTS = List.of(
            new IdList<>("products", Application::products, ProductRnd::id),
            new IdList<>("computeExpenses", Application::computeExpenses, ComputeExpense::id),
            new IdList<>("openCallProjects", Application::openCallProjects, OpenCallProject::id),
            new IdList<>("purchases", Application::purchases, Purchase::id),
            new IdList<>("catalogueProducts", Application::catalogueProducts, CatalogueProduct::id),
            new IdList<>("equipmentInvestments", Application::equipmentInvestments, EquipmentInvestment::id),
            new IdList<>("demonstrations", Application::demonstrations, Demonstration::id),
            new IdList<>("scenarios", Application::scenarios, Scenario::id),
            new IdList<>("vouchers", Application::vouchers, InnovationVoucher::id),
            new IdList<>("clusters", Application::clusters, IndustryCluster::id),
            new IdList<>("referrals", Application::referrals, Referral::id),
            new IdList<>("pilotPlatforms", Application::pilotPlatforms, PilotPlatform::id),
            new IdList<>("cooperations", Application::cooperations, Cooperation::id),
            new IdList<>("exhibitions", Application::exhibitions, Exhibition::id),
            new IdList<>("talents", Application::talents, Talent::id));
    private static final IdList<OtherAward> OTHER_AWARDS =
            new IdList<>("otherAwards", Application::otherAwards, OtherAward::id);

    /** Up to this many items, pairs are compared rather than hashed. */
    private static final int COMPARED_PAIRWISE = 8;

    private ApplicationChecks() {
    }

    /** Every cross-fact problem of {@code application}; empty when there is none. */
    public static List<Problem> problems(Application application) {
        if (valid(application)) {
            return new ArrayList<>();
        }
        Map<String, List<String>> ids = new HashMap<>();
        for (IdList<?> list : SUBJECT_LISTS) {
            ids.put(list.name(), ids(list, application));
        }
        ids.put(OTHER_AWARDS.name(), ids(OTHER_AWARDS, application));
        return problems(application.enterprise().id(), application.applicationDate(), ids,
                application.otherAwards().stream().map(OtherAward::subject).toList(),
                application.computeExpenses().stream().map(ComputeExpense::year).toList());
    }

    /**
     * Every cross-fact problem of an application given by the values these checks read, so that they can be
     * made where an application could be read only in part: a field of the wrong type elsewhere hides none of
     * them. Each list is given at the indices of the document, with null where a value could not be read.
     *
     * @param enterpriseId    the enterprise's id; null if it could not be read (awards' subjects are then not
     *                        checked)
     * @param applicationDate null if it could not be read (the years of compute expenses are then not checked)
     * @param ids             the ids of the items of each list, by the list's name in the document (an absent
     *                        name: no items)
     * @param awardSubjects   the subject of each award under another policy
     * @param computeYears    the year of each compute expense
     */
    public static List<Problem> problems(String enterpriseId, LocalDate applicationDate,
                                         Map<String, List<String>> ids, List<String> awardSubjects,
                                         List<Integer> computeYears) {
        List<Problem> problems = new ArrayList<>();
        Set<String> subjects = new HashSet<>();
        subjects.add(enterpriseId);
        for (IdList<?> list : SUBJECT_LISTS) {
            unique(list.name(), ids.getOrDefault(list.name(), List.of()), subjects, problems);
        }
        unique(OTHER_AWARDS.name(), ids.getOrDefault(OTHER_AWARDS.name(), List.of()), new HashSet<>(), problems);
        for (int i = 0; i < awardSubjects.size() && enterpriseId != null; i++) {
            String subject = awardSubjects.get(i);
            if (subject != null && !subjects.contains(subject)) {
                problems.add(new Problem("$.otherAwards[" + i + "].subject", "names " + Limits.quote(subject)
                        + ", which is no subject of this application (the enterprise or an id in one of its lists)"));
            }
        }
        for (int i = 0; i < computeYears.size() && applicationDate != null; i++) {
            Integer spent = computeYears.get(i);
            if (spent != null && spent > applicationDate.getYear()) {
                problems.add(new Problem("$.computeExpenses[" + i + "].year", "is " + spent + ", after the year of "
                        + "the application date " + applicationDate + "; an actual cost cannot be for a year that "
                        + "has not begun"));
            }
        }
        return problems;
    }

    private static <T> List<String> ids(IdList<T> list, Application application) {
        return list.items().apply(application).stream().map(list.id()).toList();
    }

    /** Throws {@link InvalidApplicationException} with every cross-fact problem, if there is any. */
    public static void requireValid(Application application) {
        List<Problem> problems = problems(application);
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
    }

    /**
     * True when there is no cross-fact problem: answered over the same lists without building the maps and
     * messages that name a problem, as nearly every application has none. Only where it answers false does
     * {@link #problems} look for every problem to name it.
     */
    static boolean valid(Application application) {
        for (IdList<?> list : SUBJECT_LISTS) {
            if (!distinct(list, application)) {
                return false;
            }
        }
        return distinct(OTHER_AWARDS, application) && otherAwardsNameSubjects(application)
                && noFutureComputeExpense(application);
    }

    private static <T> boolean distinct(IdList<T> list, Application application) {
        List<T> items = list.items().apply(application);
        Function<T, String> id = list.id();
        int size = items.size();
        if (size < 2) {
            return true;
        }
        if (size > COMPARED_PAIRWISE) {
            Set<String> seen = new HashSet<>(size * 2);
            for (T item : items) {
                if (!seen.add(id.apply(item))) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 1; i < size; i++) {
            String key = id.apply(items.get(i));
            for (int j = 0; j < i; j++) {
                if (Objects.equals(key, id.apply(items.get(j)))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean otherAwardsNameSubjects(Application application) {
        List<OtherAward> awards = application.otherAwards();
        if (awards.isEmpty()) {
            return true;
        }
        Set<String> subjects = new HashSet<>();
        subjects.add(application.enterprise().id());
        for (IdList<?> list : SUBJECT_LISTS) {
            addIds(list, application, subjects);
        }
        for (OtherAward award : awards) {
            if (!subjects.contains(award.subject())) {
                return false;
            }
        }
        return true;
    }

    private static <T> void addIds(IdList<T> list, Application application, Set<String> into) {
        for (T item : list.items().apply(application)) {
            into.add(list.id().apply(item));
        }
    }

    private static boolean noFutureComputeExpense(Application application) {
        int year = application.applicationDate().getYear();
        for (ComputeExpense expense : application.computeExpenses()) {
            if (expense.year() > year) {
                return false;
            }
        }
        return true;
    }

    private static void unique(String name, List<String> ids, Set<String> subjects, List<Problem> problems) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String key = ids.get(i);
            if (key == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(key, i);
            if (earlier != null) {
                problems.add(new Problem("$." + name + "[" + i + "].id", "duplicates the id " + Limits.quote(key)
                        + " of $." + name + "[" + earlier + "]"));
            }
            subjects.add(key);
        }
    }
}
