package cn.minhang.policy.io;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.population.PopulationGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationJsonTest {
    private static final String WRITTEN_ONE_WAY = """
            {"id": "A1", "applicationDate": "2026-03-01",
             "enterprise": {"id": "E1", "name": "示例科技", "locatedInDistrict": true, "embodiedAiField": true},
             "products": [{"id": "P1", "name": "关节", "category": "INTEGRATED_JOINT", "rndInvestment": 8000000,
                           "ownIp": true, "marketSales": true}]}
            """;
    private static final String WRITTEN_ANOTHER_WAY = """
            {"products": [{"marketSales": true, "ownIp": true, "rndInvestment": "8000000.00",
                           "category": "INTEGRATED_JOINT", "name": "关节", "id": "P1"}],
             "computeExpenses": [], "chainLeaderSettlement": null,
             "enterprise": {"fundFocusAreas": [], "embodiedAiField": true, "locatedInDistrict": true,
                            "name": "示例科技", "id": "E1"},
             "applicationDate": "2026-03-01", "id": "A1", "vouchers": null}
            """;

    @Test
    void theCanonicalFormSortsKeysNormalisesAmountsAndLeavesOutDefaults() {
        assertThat(ApplicationJson.canonical(ApplicationReader.fromJson(WRITTEN_ONE_WAY))).isEqualTo(
                "{\"applicationDate\":\"2026-03-01\",\"enterprise\":{\"embodiedAiField\":true,\"id\":\"E1\","
                        + "\"locatedInDistrict\":true,\"name\":\"示例科技\"},\"id\":\"A1\",\"products\":[{\"category\":"
                        + "\"INTEGRATED_JOINT\",\"id\":\"P1\",\"marketSales\":true,\"name\":\"关节\",\"ownIp\":true,"
                        + "\"rndInvestment\":\"8000000.00\"}]}");
    }

    @Test
    void twoWritingsOfTheSameApplicationHaveTheSameHash() {
        String one = ApplicationJson.sha256(ApplicationReader.fromJson(WRITTEN_ONE_WAY));
        String other = ApplicationJson.sha256(ApplicationReader.fromJson(WRITTEN_ANOTHER_WAY));
        assertThat(one).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(other);
    }

    @Test
    void oneFenMoreChangesTheHash() {
        String one = ApplicationJson.sha256(ApplicationReader.fromJson(WRITTEN_ONE_WAY));
        String more = ApplicationJson.sha256(ApplicationReader.fromJson(
                WRITTEN_ONE_WAY.replace("8000000,", "8000000.01,")));
        assertThat(more).isNotEqualTo(one);
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameApplication() {
        new PopulationGenerator(11).stream(300).forEach(a -> {
            Application back = ApplicationReader.fromJson(ApplicationJson.toJsonLine(a));
            assertThat(back).as(a.id()).isEqualTo(a);
        });
    }

    @Test
    void amountsAreWrittenWithTwoDecimalsWhenTheyHaveAtMostTwo() {
        assertThat(ApplicationJson.amount(new java.math.BigDecimal("8000000"))).isEqualTo("8000000.00");
        assertThat(ApplicationJson.amount(new java.math.BigDecimal("0.5"))).isEqualTo("0.50");
        assertThat(ApplicationJson.amount(new java.math.BigDecimal("2400000.150"))).isEqualTo("2400000.15");
        assertThat(ApplicationJson.amount(new java.math.BigDecimal("0.015"))).isEqualTo("0.015");
    }
}
