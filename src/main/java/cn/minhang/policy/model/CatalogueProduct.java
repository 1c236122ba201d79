package cn.minhang.policy.model;

import java.math.BigDecimal;

/**
 * Measure 3.2: a product of the applicant and its sales.
 *
 * @param listedInMunicipalCatalogue listed in the municipal innovative-product recommendation catalogue
 * @param sales                      sales of the single product (单款产品销售额), yuan
 */
public record CatalogueProduct(
        String id,
        String name,
        boolean listedInMunicipalCatalogue,
        BigDecimal sales) {

    public CatalogueProduct {
        Checks.of("CatalogueProduct").id("id", id).id("name", name).amount("sales", sales).done();
    }
}
