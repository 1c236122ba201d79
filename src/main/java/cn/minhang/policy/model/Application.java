package cn.minhang.policy.model;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One application under the policy: the applicant and everything it asks support for. Ids name subjects: the
 * same id in two lists is the same subject (a product R&D project that is also an open-call project), and
 * 从优、就高、不重复 groups awards by it.
 */
public record Application(
        String id,
        LocalDate applicationDate,
        Enterprise enterprise,
        List<ProductRnd> products,
        List<ComputeExpense> computeExpenses,
        List<OpenCallProject> openCallProjects,
        List<Purchase> purchases,
        List<CatalogueProduct> catalogueProducts,
        List<EquipmentInvestment> equipmentInvestments,
        List<Demonstration> demonstrations,
        List<Scenario> scenarios,
        List<InnovationVoucher> vouchers,
        @MayBeAbsent ChainLeaderSettlement chainLeaderSettlement,
        List<IndustryCluster> clusters,
        @MayBeAbsent OperationPlatform operationPlatform,
        List<Referral> referrals,
        List<PilotPlatform> pilotPlatforms,
        List<Cooperation> cooperations,
        List<Exhibition> exhibitions,
        List<Talent> talents,
        List<OtherAward> otherAwards) {

    public Application {
        products = Checks.list(products);
        computeExpenses = Checks.list(computeExpenses);
        openCallProjects = Checks.list(openCallProjects);
        purchases = Checks.list(purchases);
        catalogueProducts = Checks.list(catalogueProducts);
        equipmentInvestments = Checks.list(equipmentInvestments);
        demonstrations = Checks.list(demonstrations);
        scenarios = Checks.list(scenarios);
        vouchers = Checks.list(vouchers);
        clusters = Checks.list(clusters);
        referrals = Checks.list(referrals);
        pilotPlatforms = Checks.list(pilotPlatforms);
        cooperations = Checks.list(cooperations);
        exhibitions = Checks.list(exhibitions);
        talents = Checks.list(talents);
        otherAwards = Checks.list(otherAwards);
        Checks.of("Application").id("id", id).present("applicationDate", applicationDate)
                .present("enterprise", enterprise).done();
    }

    /**
     * Every fact the rules match, the application itself first, then the enterprise, the settlement and the
     * platform where there are any, then the items of every list in record order. Built by hand into one list
     * of the exact size: it is called on every evaluation.
     */
    public List<Object> facts() {
        List<List<?>> lists = itemLists();
        int count = 2 + (chainLeaderSettlement == null ? 0 : 1) + (operationPlatform == null ? 0 : 1);
        for (List<?> items : lists) {
            count += items.size();
        }
        Object[] facts = new Object[count];
        int n = 0;
        facts[n++] = this;
        facts[n++] = enterprise;
        if (chainLeaderSettlement != null) {
            facts[n++] = chainLeaderSettlement;
        }
        if (operationPlatform != null) {
            facts[n++] = operationPlatform;
        }
        for (List<?> items : lists) {
            n = addAll(facts, n, items);
        }
        return Collections.unmodifiableList(Arrays.asList(facts));
    }

    /** The lists of items, in record order. */
    private List<List<?>> itemLists() {
        return List.of(products, computeExpenses, openCallProjects, purchases, catalogueProducts,
                equipmentInvestments, demonstrations, scenarios, vouchers, clusters, referrals, pilotPlatforms,
                cooperations, exhibitions, talents, otherAwards);
    }

    private static int addAll(Object[] facts, int from, List<?> items) {
        int n = from;
        for (int i = 0, size = items.size(); i < size; i++) {
            facts[n++] = items.get(i);
        }
        return n;
    }

    /** Starts an application of {@code enterprise}, dated {@code applicationDate}. */
    public static Builder builder(String id, LocalDate applicationDate, Enterprise enterprise) {
        return new Builder(id, applicationDate, enterprise);
    }

    /** Builds an application fact by fact; {@link #build()} checks it as the constructor does. */
    public static final class Builder {
        private final String id;
        private final LocalDate applicationDate;
        private final Enterprise enterprise;
        private final List<ProductRnd> products = new java.util.ArrayList<>();
        private final List<ComputeExpense> computeExpenses = new java.util.ArrayList<>();
        private final List<OpenCallProject> openCallProjects = new java.util.ArrayList<>();
        private final List<Purchase> purchases = new java.util.ArrayList<>();
        private final List<CatalogueProduct> catalogueProducts = new java.util.ArrayList<>();
        private final List<EquipmentInvestment> equipmentInvestments = new java.util.ArrayList<>();
        private final List<Demonstration> demonstrations = new java.util.ArrayList<>();
        private final List<Scenario> scenarios = new java.util.ArrayList<>();
        private final List<InnovationVoucher> vouchers = new java.util.ArrayList<>();
        private ChainLeaderSettlement chainLeaderSettlement;
        private final List<IndustryCluster> clusters = new java.util.ArrayList<>();
        private OperationPlatform operationPlatform;
        private final List<Referral> referrals = new java.util.ArrayList<>();
        private final List<PilotPlatform> pilotPlatforms = new java.util.ArrayList<>();
        private final List<Cooperation> cooperations = new java.util.ArrayList<>();
        private final List<Exhibition> exhibitions = new java.util.ArrayList<>();
        private final List<Talent> talents = new java.util.ArrayList<>();
        private final List<OtherAward> otherAwards = new java.util.ArrayList<>();

        private Builder(String id, LocalDate applicationDate, Enterprise enterprise) {
            this.id = id;
            this.applicationDate = applicationDate;
            this.enterprise = enterprise;
        }

        public Builder product(ProductRnd fact) { products.add(fact); return this; }
        public Builder computeExpense(ComputeExpense fact) { computeExpenses.add(fact); return this; }
        public Builder openCallProject(OpenCallProject fact) { openCallProjects.add(fact); return this; }
        public Builder purchase(Purchase fact) { purchases.add(fact); return this; }
        public Builder catalogueProduct(CatalogueProduct fact) { catalogueProducts.add(fact); return this; }
        public Builder equipmentInvestment(EquipmentInvestment fact) { equipmentInvestments.add(fact); return this; }
        public Builder demonstration(Demonstration fact) { demonstrations.add(fact); return this; }
        public Builder scenario(Scenario fact) { scenarios.add(fact); return this; }
        public Builder voucher(InnovationVoucher fact) { vouchers.add(fact); return this; }
        public Builder chainLeaderSettlement(ChainLeaderSettlement fact) { chainLeaderSettlement = fact; return this; }
        public Builder cluster(IndustryCluster fact) { clusters.add(fact); return this; }
        public Builder operationPlatform(OperationPlatform fact) { operationPlatform = fact; return this; }
        public Builder referral(Referral fact) { referrals.add(fact); return this; }
        public Builder pilotPlatform(PilotPlatform fact) { pilotPlatforms.add(fact); return this; }
        public Builder cooperation(Cooperation fact) { cooperations.add(fact); return this; }
        public Builder exhibition(Exhibition fact) { exhibitions.add(fact); return this; }
        public Builder talent(Talent fact) { talents.add(fact); return this; }
        public Builder otherAward(OtherAward fact) { otherAwards.add(fact); return this; }

        public Application build() {
            return new Application(id, applicationDate, enterprise, products, computeExpenses, openCallProjects,
                    purchases, catalogueProducts, equipmentInvestments, demonstrations, scenarios, vouchers,
                    chainLeaderSettlement, clusters, operationPlatform, referrals, pilotPlatforms, cooperations,
                    exhibitions, talents, otherAwards);
        }
    }
}
