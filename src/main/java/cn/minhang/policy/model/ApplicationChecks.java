package cn.minhang.policy.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
