package cn.minhang.policy.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.ComponentCategory;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.InvalidFactException;
import cn.minhang.policy.model.Limits;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.model.ProductRnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hostile and malformed applications: each is refused with {@link InvalidApplicationException}, a path and a
 * sentence that says what is wrong, and the engine goes on evaluating valid applications afterwards.
 */
class HostileInputTest {
    private static final String ENTERPRISE = "\"enterprise\":{\"id\":\"E1\",\"name\":\"示例科技\",\"locatedInDistrict\":true,"
            + "\"embodiedAiField\":true}";
    private static PolicyEngine engine;

    @BeforeAll
    static void engine() {
        engine = PolicyEngine.fromDirectory(Path.of("rules"));
    }

    /** The host is unharmed: after every hostile document, a valid application still gets its award. */
    @AfterAll
    static void hostUnharmed() {
        Decision decision = engine.evaluate(ApplicationReader.fromJson(json(product("\"8000000\""))));
        assertThat(decision.totalGranted()).isEqualByComparingTo("2400000.00");
    }

    private static String json(String products) {
        return "{\"id\":\"A1\",\"applicationDate\":\"2026-03-01\"," + ENTERPRISE + ",\"products\":[" + products + "]}";
    }

    private static String product(String rndInvestment) {
        return product("P1", "一体化关节", rndInvestment);
    }

    private static String product(String id, String name, String rndInvestment) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"category\":\"INTEGRATED_JOINT\",\"rndInvestment\":"
                + rndInvestment + ",\"ownIp\":true,\"marketSales\":true}";
    }

    private static List<Problem> jsonProblems(String text) {
        return problems(() -> ApplicationReader.fromJson(text));
    }

    private static List<Problem> yamlProblems(String text) {
        return problems(() -> ApplicationReader.fromYaml(text));
    }

    private static List<Problem> problems(Runnable read) {
        InvalidApplicationException e = catchThrowableOfType(InvalidApplicationException.class, read::run);
        assertThat(e).as("the document must be refused").isNotNull();
        assertThat(e.problems()).isNotEmpty();
        for (Problem p : e.problems()) {
            assertThat(p.path()).startsWith("$");
            assertThat(p.message()).isNotBlank();
            assertThat(p.toString().length()).as("a message stays short: %s", p).isLessThan(1_000);
            assertThat(Limits.textProblem(p.toString().replace("\n", " ").substring(0,
                    Math.min(p.toString().length(), 150)))).as("no control characters in %s", p).isNull();
        }
        return e.problems();
    }

    private static void assertProblem(List<Problem> problems, String path, String fragment) {
        assertThat(problems).as("problems %s", problems)
                .anySatisfy(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(fragment);
                });
    }

    // ---- truncated and invalid documents ----

    @Test
    void truncatedJsonIsRefusedWithItsPosition() {
        String full = json(product("\"8000000\""));
        List<Problem> problems = jsonProblems(full.substring(0, full.length() / 2));
        assertProblem(problems, "$", "malformed JSON at line 1, column");
        assertProblem(problems, "$", "end-of-input");
    }

    @Test
    void truncatedYamlIsRefused() {
        assertProblem(yamlProblems("id: A1\nenterprise: {id: E1, name: 示例"), "$", "malformed YAML at line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{id: \"A1\"}", "{\"id\": \"A1\",}", "{\"id\" \"A1\"}", "[1, 2", "{\"id\": 'A1'}",
            "{\"a\": 01}", "{\"a\": 1.}x", "\u0000", "{\"a\":\"\u0001\"", "{\"a\": tru}"})
    void invalidJsonIsRefused(String text) {
        assertThat(jsonProblems(text)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("$");
            assertThat(p.message()).startsWith("malformed JSON");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"id: A1\n  name: x\n bad: 1", "a: [1, 2", "a: {b: 1", "\tid: A1", "a: \"open",
            "- a\nb: c", "a: b: c"})
    void invalidYamlIsRefused(String text) {
        assertThat(yamlProblems(text)).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("$");
            assertThat(p.message()).startsWith("malformed YAML");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n"})
    void anEmptyDocumentIsRefused(String text) {
        assertProblem(jsonProblems(text), "$", "the JSON document is empty");
        assertProblem(yamlProblems(text), "$", "the YAML document is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "42", "\"text\"", "true"})
    void aDocumentThatIsNoObjectIsRefused(String text) {
        assertProblem(jsonProblems(text), "$", "must be an object with the fields id, applicationDate, enterprise");
    }

    @Test
    void anythingAfterTheDocumentIsRefused() {
        String one = json(product("\"8000000\""));
        assertProblem(jsonProblems(one + one), "$", "more follows the end of the document");
        assertProblem(jsonProblems(one + " x"), "$", "malformed JSON");
        assertProblem(yamlProblems("id: A1\n---\nid: A2\n"), "$", "more follows the end of the document (one "
                + "document per file)");
    }

    // ---- wrong types, unknown fields, duplicates ----

    @Test
    void wrongTypesAreEachReportedAtTheirPath() {
        String text = "{\"id\":7,\"applicationDate\":20260301,\"enterprise\":{\"id\":\"E1\",\"name\":[\"x\"],"
                + "\"locatedInDistrict\":\"yes\",\"embodiedAiField\":1},\"products\":{\"id\":\"P1\"},"
                + "\"computeExpenses\":[{\"id\":\"C1\",\"year\":2026.5,\"actualCost\":true,\"majorInnovation\":true}],"
                + "\"purchases\":[{\"id\":\"U1\",\"product\":\"p\",\"supplier\":\"s\",\"amount\":{\"yuan\":1}}]}";
        List<Problem> problems = jsonProblems(text);
        assertProblem(problems, "$.id", "must be a string, was 7");
        assertProblem(problems, "$.applicationDate", "must be a date written as YYYY-MM-DD, was 20260301");
        assertProblem(problems, "$.enterprise.name", "must be a string, was a list");
        assertProblem(problems, "$.enterprise.locatedInDistrict", "must be true or false, was the string \"yes\"");
        assertProblem(problems, "$.enterprise.embodiedAiField", "must be true or false, was 1");
        assertProblem(problems, "$.products", "must be a list, was an object");
        assertProblem(problems, "$.computeExpenses[0].year", "must be a whole number, was 2026.5");
        assertProblem(problems, "$.computeExpenses[0].actualCost", "must be an amount in yuan (a string or a number), was true");
        assertProblem(problems, "$.purchases[0].amount", "was an object");
    }

    @Test
    void unknownFieldsAreReportedAndHostileFieldNamesAreQuotedInThePath() {
        String text = json(product("\"8000000\"").replace("\"ownIp\"", "\"colour\":\"red\",\"\\u001b[31mx\":1,\"ownIp\""));
        List<Problem> problems = jsonProblems(text);
        assertProblem(problems, "$.products[0].colour", "is not a field of ProductRnd; its fields are id, name, category");
        assertProblem(problems, "$.products[0][\"\\u001B[31mx\"]", "is not a field of ProductRnd");
    }

    @Test
    void duplicateIdsAreRefused() {
        List<Problem> problems = jsonProblems(json(product("P1", "a", "\"1\"") + "," + product("P1", "b", "\"2\"")));
        assertProblem(problems, "$.products[1].id", "duplicates the id \"P1\" of $.products[0]");
    }

    @Test
    void aDuplicateIdIsFoundInAShortListAndInALongOne() {
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            many.append(i > 1 ? "," : "").append(product("P" + (i == 11 ? 4 : i), "p" + i, "\"1\""));
        }
        assertProblem(jsonProblems(json(many.toString())), "$.products[10].id", "duplicates the id \"P4\" of $.products[3]");
        String three = product("P1", "a", "\"1\"") + "," + product("P2", "b", "\"2\"") + "," + product("P2", "c", "\"3\"");
        assertProblem(jsonProblems(json(three)), "$.products[2].id", "duplicates the id \"P2\" of $.products[1]");
        StringBuilder distinct = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            distinct.append(i > 1 ? "," : "").append(product("P" + i, "p" + i, "\"1\""));
        }
        assertThat(ApplicationReader.fromJson(json(distinct.toString())).products()).hasSize(12);
    }

    @Test
    void aDuplicatedFieldNameIsRefusedRatherThanOneOfItsValuesSilentlyKept() {
        String text = json(product("\"8000000\"")).replace("\"id\":\"A1\"", "\"id\":\"A1\",\"id\":\"A2\"");
        assertProblem(jsonProblems(text), "$", "Duplicate field 'id'");
        assertProblem(yamlProblems("id: A1\nid: A2\n"), "$", "Duplicate field 'id'");
    }

    // ---- numbers ----

    @Test
    void anAmountOf1e400IsRefusedForItsSizeAndShownInScientificNotation() {
        assertProblem(jsonProblems(json(product("1e400"))), "$.products[0].rndInvestment",
                "must not exceed 100000000000 yuan, was 1E+400");
        assertProblem(yamlProblems(yaml("1e400")), "$.products[0].rndInvestment", "must not exceed 100000000000 yuan");
    }

    @Test
    void extremeExponentsAreRefusedWithoutWritingTheirDigitsOut() {
        assertProblem(jsonProblems(json(product("1e999999999"))), "$.products[0].rndInvestment",
                "was 1E+999999999");
        assertProblem(jsonProblems(json(product("1e-999999999"))), "$.products[0].rndInvestment",
                "at most two decimals (fen), was 1E-999999999");
    }

    @Test
    void anExponentBeyondTheRangeOfAnIntIsRefusedAsMalformed() {
        assertProblem(jsonProblems(json(product("92233721e400036854775807"))), "$",
                "malformed JSON: a number cannot be read exactly");
        assertProblem(jsonProblems(json(product("1e-4000000000"))), "$", "malformed JSON: a number cannot be read exactly");
        assertProblem(yamlProblems(yaml("1e4000000000")), "$", "Malformed numeric value '1e4000000000'");
    }

    @Test
    void fortyDigitAmountsAreRefusedAsNumbersAndAsStrings() {
        String forty = "1234567890123456789012345678901234567890";
        assertProblem(jsonProblems(json(product(forty))), "$.products[0].rndInvestment",
                "must not exceed 100000000000 yuan, was " + forty);
        assertProblem(jsonProblems(json(product("\"" + forty + "\""))), "$.products[0].rndInvestment",
                "must not exceed 100000000000 yuan, was " + forty);
        assertProblem(jsonProblems(json(product("0." + forty))), "$.products[0].rndInvestment",
                "at most two decimals");
    }

    @Test
    void aNumberLongerThanTheLimitIsRefusedByTheParser() {
        assertProblem(jsonProblems(json(product("1" + "0".repeat(200)))), "$",
                "the JSON document exceeds a limit: Number value length");
    }

    @Test
    void notANumberAndInfinityAreRefused() {
        assertProblem(jsonProblems(json(product("NaN"))), "$", "Non-standard token 'NaN'");
        assertProblem(jsonProblems(json(product("Infinity"))), "$", "malformed JSON");
        assertProblem(jsonProblems(json(product("-Infinity"))), "$", "malformed JSON");
        assertProblem(yamlProblems(yaml(".nan")), "$", "Malformed numeric value '.nan'");
        assertProblem(yamlProblems(yaml(".inf")), "$", "Malformed numeric value '.inf'");
        for (String text : List.of("NaN", "Infinity", "-Infinity", "1e3", "1E+3", "0x10", "1,000", "12.3.4", "", "¥100")) {
            assertProblem(jsonProblems(json(product("\"" + text + "\""))), "$.products[0].rndInvestment",
                    "must be an amount in yuan such as \"2400000.00\" (digits, an optional sign and decimals, no exponent)");
        }
    }

    @Test
    void anAmountStringLongerThanAnyAmountIsRefusedBeforeItIsParsed() {
        assertProblem(jsonProblems(json(product("\"" + "9".repeat(500_000) + "\""))), "$.products[0].rndInvestment",
                "(500000 characters)");
    }

    @Test
    void minusZeroIsZero() {
        for (String zero : List.of("-0", "-0.0", "\"-0\"", "\"-0.00\"")) {
            Application application = ApplicationReader.fromJson(json(product(zero)));
            assertThat(application.products().get(0).rndInvestment()).isEqualByComparingTo(BigDecimal.ZERO);
            Decision decision = engine.evaluate(application);
            assertThat(decision.line("1.1", "P1").orElseThrow().amount()).isEqualTo(new BigDecimal("0.00"));
            assertThat(decision.totalGranted().toPlainString()).isEqualTo("0.00");
        }
    }

    @Test
    void negativeAmountsAreRefused() {
        assertProblem(jsonProblems(json(product("-0.01"))), "$.products[0].rndInvestment",
                "must not be negative, was -0.01");
    }

    // ---- nesting, size, counts ----

    @Test
    void deeplyNestedDocumentsAreRefusedAtTheDepthLimit() {
        String deepJson = "{\"id\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertProblem(jsonProblems(deepJson), "$", "Document nesting depth (" + (Limits.MAX_NESTING_DEPTH + 1)
                + ") exceeds the maximum allowed (" + Limits.MAX_NESTING_DEPTH);
        String deepFlowYaml = "id: " + "[".repeat(100_000) + "]".repeat(100_000);
        assertProblem(yamlProblems(deepFlowYaml), "$", "exceeds the maximum allowed (" + Limits.MAX_NESTING_DEPTH);
        StringBuilder deepBlockYaml = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            deepBlockYaml.append("  ".repeat(i)).append("k:\n");
        }
        deepBlockYaml.append("  ".repeat(200)).append("v\n");
        assertProblem(yamlProblems(deepBlockYaml.toString()), "$", "exceeds the maximum allowed ("
                + Limits.MAX_NESTING_DEPTH);
    }

    @Test
    void aHundredMegabyteFileIsRefusedFromItsSizeWithoutBeingRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(100L * 1024 * 1024);
        }
        assertProblem(problems(() -> ApplicationReader.read(big)), "$",
                "the document is 104857600 bytes long; at most " + Limits.MAX_DOCUMENT_BYTES + " bytes are read");
        Path bigYaml = Files.move(big, dir.resolve("big.yaml"));
        assertProblem(problems(() -> ApplicationReader.read(bigYaml)), "$", "the document is 104857600 bytes long");
    }

    @Test
    void aHundredMegabyteStreamIsRefusedAfterOneMegabyte() {
        CountingStream hundredMegabytes = new CountingStream(100L * 1024 * 1024);
        assertProblem(problems(() -> {
            try {
                ApplicationReader.fromJson(hundredMegabytes);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }), "$", "the document is more than " + Limits.MAX_DOCUMENT_BYTES + " bytes long");
        assertThat(hundredMegabytes.read).isEqualTo(Limits.MAX_DOCUMENT_BYTES + 1L);
    }

    @Test
    void aStringOverTheDocumentLimitIsRefusedBeforeParsing() {
        String text = json("\"" + "x".repeat(Limits.MAX_DOCUMENT_BYTES) + "\"");
        assertProblem(jsonProblems(text), "$", "characters long; at most " + Limits.MAX_DOCUMENT_BYTES);
        assertProblem(yamlProblems(text), "$", "characters long; at most " + Limits.MAX_DOCUMENT_BYTES);
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, json(product("\"1\"")).replace("一体化关节", "caf\u00e9")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(problems(() -> ApplicationReader.read(file)), "$", "the document is not valid UTF-8");
    }

    @Test
    void tooManyFactsAreRefusedBeforeAnyIsBound() {
        StringBuilder products = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_FACTS; i++) {
            products.append(i == 0 ? "" : ",").append(product("P" + i, "n", "\"1\""));
        }
        List<Problem> problems = jsonProblems(json(products.toString()));
        assertThat(problems).containsExactly(new Problem("$.products", "has 1001 items; at most 1000 are allowed"),
                new Problem("$", "the application has 1002 facts; at most 1000 are allowed in one application"));
    }

    @Test
    void tooManyFactsBuiltInCodeAreRefusedByTheEngine() {
        Application.Builder builder = Application.builder("A1", LocalDate.of(2026, 3, 1),
                new Enterprise("E1", "示例", true, true, List.of()));
        for (int i = 0; i < Limits.MAX_FACTS; i++) {
            builder.product(new ProductRnd("P" + i, "n", ComponentCategory.SENSOR, BigDecimal.ONE, true, true));
        }
        assertThatThrownBy(() -> engine.evaluate(builder.build()))
                .isInstanceOf(InvalidApplicationException.class)
                .hasMessageContaining("$: the application has 1001 facts; at most 1000 are allowed");
    }

    @Test
    void aLongListOfNamesIsRefusedAtItsPath() {
        String partners = "\"u\",".repeat(Limits.MAX_LIST_ITEMS) + "\"u\"";
        String text = "{\"id\":\"A1\",\"applicationDate\":\"2026-03-01\"," + ENTERPRISE + ",\"openCallProjects\":[{\"id\":"
                + "\"O1\",\"name\":\"n\",\"level\":\"DISTRICT\",\"selected\":true,\"academicPartners\":[" + partners + "]}]}";
        assertProblem(jsonProblems(text), "$.openCallProjects[0].academicPartners", "has 1001 items; at most 1000");
    }

    @Test
    void thousandsOfProblemsAreCountedButOnlyTheFirstAreListed() {
        StringBuilder unknown = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            unknown.append(",\"x").append(i).append("\":1");
        }
        List<Problem> problems = jsonProblems(json(product("\"1\"")).replaceFirst("\\}$", unknown + "}"));
        assertThat(problems).hasSize(Limits.MAX_PROBLEMS + 1);
        assertThat(problems.get(Limits.MAX_PROBLEMS)).isEqualTo(new Problem("$",
                "4800 more problem(s) not listed; at most 200 are listed"));
    }

    // ---- YAML aliases ----

    @Test
    void yamlAliasesThatWouldExpandWithoutBoundAreRefused() {
        StringBuilder laughs = new StringBuilder("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        assertProblem(yamlProblems(laughs.toString()), "$", "YAML aliases (*a0) are not supported; write the value out in full");
    }

    @Test
    void aScalarAliasIsRefusedRatherThanReadAsTheAnchorsName() {
        String text = "id: &same A1\napplicationDate: \"2026-03-01\"\nenterprise: {id: *same, name: x, "
                + "locatedInDistrict: true, embodiedAiField: true}\n";
        assertProblem(yamlProblems(text), "$", "YAML aliases (*same) are not supported");
    }

    // ---- names: control characters and length ----

    @ParameterizedTest
    @ValueSource(strings = {"\\u0000", "\\u0007", "\\u001b[2J", "\\n", "\\t", "\\u007f", "\\u0085", "\\u202e", "\\u2066",
            "\\u2028", "\\ufeff", "\\ud800"})
    void controlCharactersInNamesAreRefused(String escape) {
        List<Problem> problems = jsonProblems(json(product("P1", "关节" + escape + "模组", "\"1\"")));
        assertProblem(problems, "$.products[0].name", "only printable text is allowed (no control characters)");
        assertProblem(problems, "$.products[0].name", "at position 3");
    }

    @Test
    void controlCharactersInIdsAreRefusedInYamlToo() {
        String text = "id: \"A\\x001\"\napplicationDate: \"2026-03-01\"\nenterprise: {id: E1, name: x, "
                + "locatedInDistrict: true, embodiedAiField: true}\n";
        assertProblem(yamlProblems(text), "$.id", "contains the character U+0000 at position 2");
    }

    @Test
    void veryLongNamesAreRefusedAndNotEchoedInFull() {
        String name = "名".repeat(300_000);
        List<Problem> problems = jsonProblems(json(product("P1", name, "\"1\"")));
        assertProblem(problems, "$.products[0].name", "is 300000 characters long; at most " + Limits.MAX_TEXT_LENGTH);
        String hostileEnum = json(product("\"1\"")).replace("INTEGRATED_JOINT", "X".repeat(100_000));
        assertProblem(jsonProblems(hostileEnum), "$.products[0].category", "(100000 characters)");
    }

    @Test
    void aNameOfExactlyTheLimitIsAccepted() {
        String name = "名".repeat(Limits.MAX_TEXT_LENGTH);
        assertThat(ApplicationReader.fromJson(json(product("P1", name, "\"1\""))).products().get(0).name()).isEqualTo(name);
        assertProblem(jsonProblems(json(product("P1", name + "名", "\"1\""))), "$.products[0].name",
                "is 201 characters long");
    }

    @Test
    void factsBuiltInCodeAreCheckedForControlCharactersAndLengthToo() {
        InvalidFactException e = catchThrowableOfType(InvalidFactException.class,
                () -> new ProductRnd("P\u00001", "x".repeat(201), ComponentCategory.SENSOR, BigDecimal.ONE, true, true));
        assertThat(e.violations()).extracting(v -> v.field() + ": " + v.message()).containsExactly(
                "id: contains the character U+0000 at position 2; only printable text is allowed (no control characters)",
                "name: is 201 characters long; at most 200 are allowed");
    }

    @Test
    void yamlTagsDoNotConstructObjects() {
        String text = "id: !!java.lang.ProcessBuilder [\"touch\", \"/tmp/x\"]\napplicationDate: \"2026-03-01\"\n"
                + "enterprise: {id: E1, name: x, locatedInDistrict: true, embodiedAiField: true}\n";
        assertProblem(yamlProblems(text), "$.id", "must be a string, was a list");
    }

    private static String yaml(String rndInvestment) {
        return "id: A1\napplicationDate: \"2026-03-01\"\nenterprise: {id: E1, name: x, locatedInDistrict: true, "
                + "embodiedAiField: true}\nproducts:\n  - {id: P1, name: n, category: SENSOR, rndInvestment: "
                + rndInvestment + ", ownIp: true, marketSales: true}\n";
    }

    /** An endless JSON string: {@code {"id":"xxxxx…}, served byte by byte without being held, counting reads. */
    private static final class CountingStream extends InputStream {
        private static final byte[] HEAD = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);
        private final long length;
        long read;

        CountingStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            if (read >= length) {
                return -1;
            }
            int next = read < HEAD.length ? HEAD[(int) read] : 'x';
            read++;
            return next;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - read);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }

    @Test
    void aSmallStreamIsReadAsUsual() throws IOException {
        Application application = ApplicationReader.fromJson(new ByteArrayInputStream(json(product("\"8000000\""))
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(engine.evaluate(application).totalGranted()).isEqualByComparingTo("2400000.00");
    }
}
