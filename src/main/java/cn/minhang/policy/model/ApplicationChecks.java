package cn.minhang.policy.model;

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
    private ApplicationChecks() {
    }

    /** Every cross-fact problem of {@code application}; empty when there is none. */
    public static List<Problem> problems(Application application) {
        List<Problem> problems = new ArrayList<>();
        if (valid(application)) {
            return problems;
        }
        Set<String> subjects = new HashSet<>();
        subjects.add(application.enterprise().id());
        unique("products", application.products(), ProductRnd::id, subjects, problems);
        unique("computeExpenses", application.computeExpenses(), ComputeExpense::id, subjects, problems);
        unique("openCallProjects", application.openCallProjects(), OpenCallProject::id, subjects, problems);
        unique("purchases", application.purchases(), Purchase::id, subjects, problems);
        unique("catalogueProducts", application.catalogueProducts(), CatalogueProduct::id, subjects, problems);
        unique("equipmentInvestments", application.equipmentInvestments(), EquipmentInvestment::id, subjects, problems);
        unique("demonstrations", application.demonstrations(), Demonstration::id, subjects, problems);
        unique("scenarios", application.scenarios(), Scenario::id, subjects, problems);
        unique("vouchers", application.vouchers(), InnovationVoucher::id, subjects, problems);
        unique("clusters", application.clusters(), IndustryCluster::id, subjects, problems);
        unique("referrals", application.referrals(), Referral::id, subjects, problems);
        unique("pilotPlatforms", application.pilotPlatforms(), PilotPlatform::id, subjects, problems);
        unique("cooperations", application.cooperations(), Cooperation::id, subjects, problems);
        unique("exhibitions", application.exhibitions(), Exhibition::id, subjects, problems);
        unique("talents", application.talents(), Talent::id, subjects, problems);
        unique("otherAwards", application.otherAwards(), OtherAward::id, new HashSet<>(), problems);
        for (int i = 0; i < application.otherAwards().size(); i++) {
            String subject = application.otherAwards().get(i).subject();
            if (!subjects.contains(subject)) {
                problems.add(new Problem("$.otherAwards[" + i + "].subject", "names '" + subject
                        + "', which is no subject of this application (the enterprise or an id in one of its lists)"));
            }
        }
        int year = application.applicationDate().getYear();
        for (int i = 0; i < application.computeExpenses().size(); i++) {
            int spent = application.computeExpenses().get(i).year();
            if (spent > year) {
                problems.add(new Problem("$.computeExpenses[" + i + "].year", "is " + spent + ", after the year of the "
                        + "application date " + application.applicationDate() + "; an actual cost cannot be for a year "
                        + "that has not begun"));
            }
        }
        return problems;
    }

    /** Throws {@link InvalidApplicationException} with every cross-fact problem, if there is any. */
    public static void requireValid(Application application) {
        List<Problem> problems = problems(application);
        if (!problems.isEmpty()) {
            throw new InvalidApplicationException(problems);
        }
    }

    /**
     * True when there is no cross-fact problem: answered without building the sets, maps and messages that name
     * a problem, as nearly every application has none. Only where it answers false does {@link #problems} look
     * for every problem to name it.
     */
    static boolean valid(Application application) {
        return distinct(application.products(), ProductRnd::id)
                && distinct(application.computeExpenses(), ComputeExpense::id)
                && distinct(application.openCallProjects(), OpenCallProject::id)
                && distinct(application.purchases(), Purchase::id)
                && distinct(application.catalogueProducts(), CatalogueProduct::id)
                && distinct(application.equipmentInvestments(), EquipmentInvestment::id)
                && distinct(application.demonstrations(), Demonstration::id)
                && distinct(application.scenarios(), Scenario::id)
                && distinct(application.vouchers(), InnovationVoucher::id)
                && distinct(application.clusters(), IndustryCluster::id)
                && distinct(application.referrals(), Referral::id)
                && distinct(application.pilotPlatforms(), PilotPlatform::id)
                && distinct(application.cooperations(), Cooperation::id)
                && distinct(application.exhibitions(), Exhibition::id)
                && distinct(application.talents(), Talent::id)
                && distinct(application.otherAwards(), OtherAward::id)
                && otherAwardsNameSubjects(application)
                && noFutureComputeExpense(application);
    }

    /** Up to this many items, pairs are compared rather than hashed. */
    private static final int COMPARED_PAIRWISE = 8;

    private static <T> boolean distinct(List<T> items, Function<T, String> id) {
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
        Set<String> subjects = subjects(application);
        for (OtherAward award : awards) {
            if (!subjects.contains(award.subject())) {
                return false;
            }
        }
        return true;
    }

    /** The enterprise's id and the id of every item of every list but the awards under other policies. */
    private static Set<String> subjects(Application application) {
        Set<String> subjects = new HashSet<>();
        subjects.add(application.enterprise().id());
        addIds(application.products(), ProductRnd::id, subjects);
        addIds(application.computeExpenses(), ComputeExpense::id, subjects);
        addIds(application.openCallProjects(), OpenCallProject::id, subjects);
        addIds(application.purchases(), Purchase::id, subjects);
        addIds(application.catalogueProducts(), CatalogueProduct::id, subjects);
        addIds(application.equipmentInvestments(), EquipmentInvestment::id, subjects);
        addIds(application.demonstrations(), Demonstration::id, subjects);
        addIds(application.scenarios(), Scenario::id, subjects);
        addIds(application.vouchers(), InnovationVoucher::id, subjects);
        addIds(application.clusters(), IndustryCluster::id, subjects);
        addIds(application.referrals(), Referral::id, subjects);
        addIds(application.pilotPlatforms(), PilotPlatform::id, subjects);
        addIds(application.cooperations(), Cooperation::id, subjects);
        addIds(application.exhibitions(), Exhibition::id, subjects);
        addIds(application.talents(), Talent::id, subjects);
        return subjects;
    }

    private static <T> void addIds(List<T> items, Function<T, String> id, Set<String> into) {
        for (T item : items) {
            into.add(id.apply(item));
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

    private static <T> void unique(String list, List<T> items, Function<T, String> id, Set<String> subjects,
                                   List<Problem> problems) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String key = id.apply(items.get(i));
            Integer earlier = first.putIfAbsent(key, i);
            if (earlier != null) {
                problems.add(new Problem("$." + list + "[" + i + "].id", "duplicates the id '" + key + "' of $." + list
                        + "[" + earlier + "]"));
            }
            subjects.add(key);
        }
    }
}
