package cn.minhang.policy.io;

import java.math.BigDecimal;

import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApplicationReaderTest {

    @Test
    void amountsAreReadExactlyFromStringsAndNumbersInJsonAndYaml() {
        Application json = ApplicationReader.fromJson("""
                {"id": "A1", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "E1", "name": "甲", "locatedInDistrict": true, "embodiedAiField": true},
                 "products": [
                   {"id": "P1", "name": "关节", "category": "INTEGRATED_JOINT", "rndInvestment": 0.1, "ownIp": true},
                   {"id": "P2", "name": "关节", "category": "SENSOR", "rndInvestment": "12345678901.99"}]}
                """);
        assertThat(json.products().get(0).rndInvestment()).isEqualTo(new BigDecimal("0.1"));
        assertThat(json.products().get(1).rndInvestment()).isEqualTo(new BigDecimal("12345678901.99"));
        assertThat(json.products().get(1).ownIp()).as("an absent boolean is false").isFalse();
        assertThat(json.computeExpenses()).as("an absent list is empty").isEmpty();

        Application yaml = ApplicationReader.fromYaml("""
                id: A1
                applicationDate: 2026-03-01
                enterprise: {id: E1, name: 甲, locatedInDistrict: true, embodiedAiField: true}
                products:
                  - {id: P1, name: 关节, category: INTEGRATED_JOINT, rndInvestment: 0.1}
                """);
        assertThat(yaml.products().get(0).rndInvestment()).isEqualTo(new BigDecimal("0.1"));
        assertThat(yaml.applicationDate()).hasToString("2026-03-01");
    }

    @Test
    void everyProblemIsReportedWithItsPathAndNothingIsBuilt() {
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson("""
                {"id": "A1", "applicationDate": "2026-02-30", "colour": "red",
                 "enterprise": {"id": "", "name": "甲", "locatedInDistrict": "yes"},
                 "products": [{"id": "P1", "name": "关节", "category": "ROBOT_DOG", "rndInvestment": "-5"}],
                 "purchases": [{"id": "U1", "product": "机器人", "supplier": "乙", "amount": "12.345"},
                               {"id": "U2", "product": "机器人", "supplier": "乙", "amount": "abc"}],
                 "computeExpenses": [{"id": "C1", "year": 1999, "actualCost": 5}]}
                """));
        assertThat(e.problems()).extracting(Problem::path).containsExactlyInAnyOrder(
                "$.colour",
                "$.applicationDate",
                "$.enterprise.locatedInDistrict",
                "$.products[0].category",
                "$.purchases[0].amount",
                "$.purchases[1].amount",
                "$.computeExpenses[0].year");
        assertThat(e.getMessage())
                .contains("$.colour: is not a field of Application")
                .contains("$.products[0].category: must be one of SERVO_SYSTEM, SENSOR")
                .contains("$.purchases[0].amount: must be in yuan with at most two decimals (fen), was 12.345")
                .contains("$.computeExpenses[0].year: must be between 2000 and 2100, was 1999");
    }

    @Test
    void valuesThatOnlyTheFactItselfCanJudgeAreReportedTogether() {
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson("""
                {"id": "A1", "applicationDate": "2026-03-01",
                 "enterprise": {"id": " ", "name": "甲"},
                 "products": [{"id": "P1", "name": "关节", "category": "SENSOR", "rndInvestment": "-5"}]}
                """));
        assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "$.enterprise.id: is required and must not be blank",
                "$.products[0].rndInvestment: must not be negative, was -5");
    }

    @Test
    void aComputeExpenseForAYearAfterTheApplicationDateIsRefusedAtItsPathAndTheSameYearIsRead() {
        String text = """
                {"id": "A1", "applicationDate": "2026-12-31",
                 "enterprise": {"id": "E1", "name": "示例", "locatedInDistrict": true, "embodiedAiField": true},
                 "computeExpenses": [{"id": "C1", "year": 2026, "actualCost": "1000000", "majorInnovation": true},
                                     {"id": "C2", "year": 2027, "actualCost": "1000000", "majorInnovation": true},
                                     {"id": "C3", "year": 2025, "actualCost": "1000000", "majorInnovation": true}]}
                """;
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson(text));
        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "$.computeExpenses[1].year: is 2027, after the year of the application date 2026-12-31; an actual "
                        + "cost cannot be for a year that has not begun");
        assertThat(ApplicationReader.fromJson(text.replace("\"year\": 2027", "\"year\": 2026")).computeExpenses())
                .hasSize(3);
    }

    @Test
    void aMissingEnterpriseAndMalformedJsonAreClearErrors() {
        assertThat(catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson("{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\"}")).problems())
                .extracting(Problem::toString).containsExactly("$.enterprise: is required");
        assertThat(catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson("{\"id\": \"A1\", ")).problems().get(0).message())
                .startsWith("malformed JSON at line 1");
    }
}
