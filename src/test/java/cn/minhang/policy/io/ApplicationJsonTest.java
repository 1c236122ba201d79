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

    private static final String LISTS_ONE_WAY = """
            {"id": "A1", "applicationDate": "2026-03-01",
             "enterprise": {"id": "E1", "name": "示例科技", "locatedInDistrict": true, "embodiedAiField": true,
                            "fundFocusAreas": ["CORE_COMPONENTS", "INTELLIGENT_TERMINALS"]},
             "purchases": [
               {"id": "Q1", "product": "巡检机器人", "supplier": "甲", "appliedInRealScenario": true,
                "demonstrationEffect": true, "amount": "4000000"},
               {"id": "Q2", "product": "人形机器人", "supplier": "乙", "appliedInRealScenario": true,
                "demonstrationEffect": true, "amount": "7000000"}],
             "openCallProjects": [{"id": "OC1", "name": "揭榜", "level": "DISTRICT", "selected": true,
                                   "academicPartners": ["复旦大学", "上海交通大学"], "requested": "5000000"}],
             "otherAwards": [
               {"id": "O2", "policy": "市级", "level": "MUNICIPAL", "subject": "Q2", "amount": "1300000"},
               {"id": "O1", "policy": "区级", "level": "DISTRICT", "subject": "Q1", "amount": "100000"}]}
            """;

    private static final String LISTS_ANOTHER_WAY = """
            {"id": "A1", "applicationDate": "2026-03-01",
             "enterprise": {"id": "E1", "name": "示例科技", "locatedInDistrict": true, "embodiedAiField": true,
                            "fundFocusAreas": ["INTELLIGENT_TERMINALS", "CORE_COMPONENTS"]},
             "purchases": [
               {"id": "Q2", "product": "人形机器人", "supplier": "乙", "appliedInRealScenario": true,
                "demonstrationEffect": true, "amount": "7000000"},
               {"id": "Q1", "product": "巡检机器人", "supplier": "甲", "appliedInRealScenario": true,
                "demonstrationEffect": true, "amount": "4000000"}],
             "openCallProjects": [{"id": "OC1", "name": "揭榜", "level": "DISTRICT", "selected": true,
                                   "academicPartners": ["上海交通大学", "复旦大学"], "requested": "5000000"}],
             "otherAwards": [
               {"id": "O1", "policy": "区级", "level": "DISTRICT", "subject": "Q1", "amount": "100000"},
               {"id": "O2", "policy": "市级", "level": "MUNICIPAL", "subject": "Q2", "amount": "1300000"}]}
            """;

    @Test
    void twoApplicationsThatDifferOnlyInTheOrderOfListItemsHaveTheSameHash() {
        String reordered = LISTS_ANOTHER_WAY;
        Application one = ApplicationReader.fromJson(LISTS_ONE_WAY);
        Application other = ApplicationReader.fromJson(reordered);
        assertThat(other).as("the lists are really in another order").isNotEqualTo(one);
        assertThat(other.purchases().get(0).id()).isEqualTo("Q2");
        assertThat(other.otherAwards().get(0).id()).isEqualTo("O1");
        assertThat(ApplicationJson.sha256(other)).isEqualTo(ApplicationJson.sha256(one));
        assertThat(ApplicationJson.canonical(one)).contains("\"academicPartners\":[\"上海交通大学\",\"复旦大学\"]")
                .contains("\"fundFocusAreas\":[\"CORE_COMPONENTS\",\"INTELLIGENT_TERMINALS\"]")
                .containsSubsequence("\"id\":\"O1\"", "\"id\":\"O2\"");
        assertThat(ApplicationJson.sha256(ApplicationReader.fromJson(LISTS_ONE_WAY.replace("\"7000000\"", "\"7000000.01\""))))
                .as("one fen more in a reordered list still changes the hash").isNotEqualTo(ApplicationJson.sha256(one));
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalText() {
        // A name with what a JSON writer escapes or may escape (a quote, a backslash, a slash, a character beyond the
        // BMP), and partners that need sorting, some of them escaped.
        String escaped = LISTS_ONE_WAY.replace("\"示例科技\"", "\"引号\\\"与反斜杠\\\\、</b>、😀\"")
                .replace("[\"复旦大学\", \"上海交通大学\"]", "[\"b\\\"\", \"b\", \"a\\\\\", \"Ω\", \"é\"]");
        Application tricky = ApplicationReader.fromJson(escaped);
        assertThat(tricky.enterprise().name()).isEqualTo("引号\"与反斜杠\\、</b>、😀");
        // The hashed bytes write a character beyond the BMP as the escapes of its two surrogates, as they always have.
        assertThat(ApplicationJson.sha256(tricky)).isEqualTo(sha256Of(ApplicationJson.canonical(tricky).replace("😀", "\\uD83D\\uDE00")));
        Application bmp = ApplicationReader.fromJson(escaped.replace("、😀", ""));
        assertThat(ApplicationJson.sha256(bmp)).isEqualTo(sha256Of(ApplicationJson.canonical(bmp)));
        for (String json : new String[] {WRITTEN_ONE_WAY, WRITTEN_ANOTHER_WAY, LISTS_ONE_WAY, LISTS_ANOTHER_WAY}) {
            Application a = ApplicationReader.fromJson(json);
            assertThat(ApplicationJson.sha256(a)).isEqualTo(sha256Of(ApplicationJson.canonical(a)));
        }
        new PopulationGenerator(12).stream(300).forEach(a ->
                assertThat(ApplicationJson.sha256(a)).as(a.id()).isEqualTo(sha256Of(ApplicationJson.canonical(a))));
    }

    private static String sha256Of(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
