package cn.minhang.policy.io;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

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
                "$.enterprise.id",
                "$.products[0].category",
                "$.products[0].rndInvestment",
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
    void aFieldOfTheWrongTypeHidesNoOtherProblemOfItsFactOrOfTheApplication() {
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class,
                () -> ApplicationReader.fromJson("""
                {"id": "A1", "applicationDate": "2026-03-01",
                 "enterprise": {"id": "E1", "name": "甲", "locatedInDistrict": "yes", "embodiedAiField": true},
                 "products": [{"id": "P1", "name": "关节", "category": "WHEELS", "rndInvestment": "-8000000"},
                              {"id": "P2", "name": "", "category": "SENSOR", "rndInvestment": "1"},
                              {"id": "P2", "name": "芯片", "category": "INTELLIGENT_CHIP", "rndInvestment": "1"}],
                 "purchases": [null, {"id": "U1", "product": "机器人", "supplier": "乙", "amount": "5"},
                               {"id": "U1", "product": "机器人", "supplier": "乙", "amount": "6"}],
                 "computeExpenses": [{"id": "C1", "year": 2027, "actualCost": "-1"}],
                 "otherAwards": [{"id": "O1", "policy": "市级", "level": "MUNICIPAL", "subject": "P1", "amount": "1"},
                                 {"id": "O2", "policy": "市级", "level": "MUNICIPAL", "subject": "NOBODY",
                                  "amount": "1"}]}
                """));
        assertThat(e.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "$.enterprise.locatedInDistrict: must be true or false, was the string \"yes\"",
                "$.products[0].category: must be one of SERVO_SYSTEM, SENSOR, INTEGRATED_JOINT, INTELLIGENT_CHIP, "
                        + "OTHER_CORE_COMPONENT, NOT_A_CORE_COMPONENT, was the string \"WHEELS\"",
                "$.products[0].rndInvestment: must not be negative, was -8000000",
                "$.products[1].name: is required and must not be blank",
                "$.products[2].id: duplicates the id \"P2\" of $.products[1]",
                "$.purchases[0]: must not be null",
                "$.purchases[2].id: duplicates the id \"U1\" of $.purchases[1]",
                "$.computeExpenses[0].actualCost: must not be negative, was -1",
                "$.computeExpenses[0].year: is 2027, after the year of the application date 2026-03-01; an actual "
                        + "cost cannot be for a year that has not begun",
                "$.otherAwards[1].subject: names \"NOBODY\", which is no subject of this application (the enterprise "
                        + "or an id in one of its lists)");
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

    @Test
    void aMalformedDocumentIsDescribedWithoutTheParsersInternalNames() {
        String message = problems(() -> ApplicationReader.fromJson("{\"id\": \"A1\", \"enterprise\": {"))
                .get(0).message();
        assertThat(message).isEqualTo("malformed JSON at line 1, column 29: Unexpected end-of-input: expected close "
                + "marker for Object (start marker at line 1, column 28)");
        assertThat(problems(() -> ApplicationReader.fromJson(VALID + " {}")).get(0).message())
                .isEqualTo("malformed JSON at line 1, column " + (VALID.length() + 2) + ": more follows the end of "
                        + "the document");
        assertThat(problems(() -> ApplicationReader.fromYaml("id: A1\n---\nid: A2\n")).get(0).message())
                .isEqualTo("malformed YAML at line 3, column 1: more follows the end of the document (one document "
                        + "per file)");
        assertThat(problems(() -> ApplicationReader.fromJson("[".repeat(25) + "]".repeat(25))).get(0).message())
                .isEqualTo("the JSON document exceeds a limit: Document nesting depth (21) exceeds the maximum allowed "
                        + "(20)");
        assertThat(problems(() -> ApplicationReader.fromJson("{\"id\": " + "1".repeat(150) + "}")).get(0).message())
                .isEqualTo("the JSON document exceeds a limit: Number value length (150) exceeds the maximum allowed "
                        + "(100)");
        assertThat(problems(() -> ApplicationReader.fromJson("\uFEFF" + VALID)).get(0).message())
                .isEqualTo("malformed JSON at line 1, column 1: the document starts with a byte-order mark (U+FEFF); "
                        + "save it as UTF-8 without one");
    }

    private static final String VALID = "{\"id\": \"A1\", \"applicationDate\": \"2026-03-01\", \"enterprise\": "
            + "{\"id\": \"E1\", \"name\": \"七宝青禾\", \"locatedInDistrict\": true, \"embodiedAiField\": true}}";

    @Test
    void jsonReadFromUtf8BytesIsTheApplicationReadFromItsText() {
        Application fromBytes = ApplicationReader.fromJson(VALID.getBytes(StandardCharsets.UTF_8));
        assertThat(fromBytes).isEqualTo(ApplicationReader.fromJson(VALID));
        assertThat(fromBytes.enterprise().name()).isEqualTo("七宝青禾");
    }

    @Test
    void badJsonReadFromBytesHasExactlyTheProblemsOfItsText() {
        List<String> bad = List.of(
                "",
                "   ",
                "{\"id\": \"七宝青禾\", ",  // the position of a syntax error after Chinese text, in characters
                "{\"id\": \"七宝\"} {}",
                "{\"名称\": 1}",
                "{\"id\": 七}",
                "[1, 2]",
                "\uFEFF{\"id\": \"A1\"}",  // a byte-order mark
                "\u0000{}",
                "{\"a\": 1, \"a\": 2}",
                "{\"id\": 1e4000000000}",
                "{\"id\": " + "1".repeat(200) + "}",
                "[".repeat(30) + "]".repeat(30),
                VALID.replace("2026-03-01", "2026-02-30").replace("true}", "\"yes\"}"),
                VALID.replace("七宝青禾", "七宝\\u0007青禾"));
        for (String text : bad) {
            List<Problem> expected = problems(() -> ApplicationReader.fromJson(text));
            assertThat(expected).as(text).isNotEmpty();
            assertThat(problems(() -> ApplicationReader.fromJson(text.getBytes(StandardCharsets.UTF_8))))
                    .as(text).isEqualTo(expected);
        }
        assertThat(problems(() -> ApplicationReader.fromJson("{\"id\": \"七宝青禾\", ".getBytes(StandardCharsets.UTF_8)))
                .get(0).message()).startsWith("malformed JSON at line 1, column 16");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedAsSuchWhereverTheyAre() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        int inName = VALID.getBytes(StandardCharsets.UTF_8).length - 40;
        List<byte[]> invalid = List.of(
                new byte[] {(byte) 0xFF},
                new byte[] {'{', (byte) 0xC0, (byte) 0xA2, '}'},  // an overlong form of '"'
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},  // a surrogate
                new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'},  // past U+10FFFF
                new byte[] {'"', (byte) 0xE4, (byte) 0xB8, '"'},  // a sequence cut short
                replaced(valid, inName, (byte) 0x80));
        for (byte[] bytes : invalid) {
            assertThat(problems(() -> ApplicationReader.fromJson(bytes)))
                    .extracting(Problem::path, Problem::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("$", "the document is not valid UTF-8"));
        }
    }

    @Test
    void theUtf8CheckAcceptsExactlyWhatTheJdkDecoderAccepts() {
        Random random = new Random(20260701);
        int refused = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < bytes.length; j++) {
                // mostly lead and continuation bytes, where the edge cases are
                bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(256) : 0x80 + random.nextInt(128));
            }
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
                refused++;
            }
            assertThat(Utf8.valid(bytes)).as(HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
        }
        assertThat(refused).isBetween(1_000, 199_000);
    }

    private static byte[] replaced(byte[] bytes, int at, byte b) {
        byte[] copy = bytes.clone();
        copy[at] = b;
        return copy;
    }

    private static List<Problem> problems(Runnable read) {
        return catchThrowableOfType(InvalidApplicationException.class, read::run).problems();
    }
}
