package cn.minhang.policy.service.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.service.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calculator page in a real browser (Debian's headless Chromium) against the decision service on a real
 * port, which serves the page at its root and evaluates at {@code POST /v1/evaluate}. What the page shows is compared with the engine's own decision for the same application, never with
 * numbers written here. Every state is saved as a screenshot under target/screenshots/.
 */
class CalculatorPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JOINT_MODULE = Path.of("examples/joint-module-maker.json");
    /** The engine of {@code ./policy evaluate}: the repository's rules. */
    private static final PolicyEngine ENGINE = PolicyEngine.fromDirectory(Path.of("rules"));

    private static RunningService service;
    private static URI base;
    private static Browser browser;
    private static FormTable table;
    private CalculatorPage page;

    @BeforeAll
    static void start() throws IOException {
        table = FormTable.load();
        browser = Browser.start();
        service = RunningService.start();
        base = service.base();
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @BeforeEach
    void openThePage() {
        browser.media(null);
        browser.size(1280, 1000);
        page = new CalculatorPage(browser.driver, table).open(base);
    }

    @Test
    void theJointModuleExampleTypedInGivesTheEnginesLinesAndTotal() throws IOException {
        assertThat(page.state()).isEqualTo("idle");
        assertThat(page.requests()).isZero();
        browser.screenshot("empty-form");
        JsonNode example = JSON.readTree(JOINT_MODULE.toFile());
        page.fill(example);
        page.waitFor("evaluated");

        JsonNode expected = decision(ApplicationReader.read(JOINT_MODULE));
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "zh"));
        assertThat(page.total()).isEqualTo(expected.get("total").asText());
        assertThat(page.totalsByClause()).isEqualTo(CalculatorPage.fields(expected.get("totalsByClause")));
        assertThat(page.text("#audit")).as("the page sent the same application as the file")
                .contains(ApplicationJson.sha256(ApplicationReader.read(JOINT_MODULE)))
                .contains(expected.get("rulesVersion").asText());
        assertThat(page.text("#total")).isEqualTo(grouped(expected.get("total").asText()) + " 元");

        // The placeholder validity dates are flagged, at the period and at the reading that states them.
        WebElement validity = browser.driver.findElement(By.id("validity"));
        assertThat(validity.getText()).contains(expected.get("validity").get("from").asText())
                .contains(expected.get("validity").get("to").asText()).contains("占位日期");
        assertThat(validity.getDomAttribute("class")).contains("placeholder");
        List<WebElement> flagged = browser.driver.findElements(By.cssSelector("#readings li[data-placeholder]"));
        assertThat(flagged).hasSize(1);
        String placeholderReading = readingsOf(expected).stream()
                .filter(r -> r.get("rule").asText().contains(expected.get("validity").get("from").asText()))
                .findFirst().orElseThrow().get("zh").asText();
        assertThat(flagged.get(0).getText()).contains(placeholderReading).contains("占位日期");
        for (JsonNode reading : readingsOf(expected)) {
            assertThat(page.text("#readings")).contains(reading.get("zh").asText());
        }
        for (JsonNode measure : expected.get("measuresNotApplicable")) {
            assertThat(page.text("#not-applicable")).contains("第" + measure.asText() + "条");
        }

        // Typing is debounced: far fewer requests than keystrokes.
        int keystrokes = example.toString().length() / 2;
        assertThat(page.requests()).isBetween(1, keystrokes / 4);
        browser.screenshot("joint-module-maker-evaluated");
        page.script("window.scrollTo(0, 0)");
        browser.viewport("joint-module-maker-screen");
    }

    @Test
    void aNotEligibleLineShowsItsUnmetConditionsAndACeilingIsLeftToReview() throws IOException {
        ObjectNode application = (ObjectNode) JSON.readTree(JOINT_MODULE.toFile());
        ((ObjectNode) application.get("products").get(0)).put("ownIp", false);
        application.putArray("pilotPlatforms").addObject().put("id", "PP1").put("name", "中试验证平台")
                .put("selectedMunicipal", true);
        application.putArray("otherAwards").addObject().put("id", "OA1").put("policy", "市级首台套政策")
                .put("level", "MUNICIPAL").put("subject", "P-HD20").put("amount", "1000000");
        page.fill(application);
        page.waitFor("evaluated");
        JsonNode expected = decision(ApplicationReader.fromTree(application));
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "zh"));
        assertThat(page.total()).isEqualTo(expected.get("total").asText());

        JsonNode notEligible = lineWith(expected, "NOT_ELIGIBLE");
        WebElement shown = lineOnPage(notEligible);
        assertThat(shown.findElement(By.className("reasons-heading")).getText()).isEqualTo("未满足的条件");
        for (JsonNode reason : notEligible.get("reasons")) {
            assertThat(shown.findElement(By.className("reasons")).getText()).contains(reason.get("zh").asText());
        }
        JsonNode ceiling = lineWith(expected, "CEILING");
        WebElement review = browser.driver.findElement(By.cssSelector("#ceilings li[data-subject=\""
                + ceiling.get("subject").asText() + "\"]"));
        assertThat(review.getText()).contains(grouped(ceiling.get("cap").asText()));
        assertThat(expected.get("forgone")).isNotEmpty();
        for (JsonNode forgone : expected.get("forgone")) {
            assertThat(page.text("#forgone")).contains(forgone.get("explanation").get("zh").asText());
        }
        List<String> offered = browser.driver.findElements(By.cssSelector("#subject-ids option")).stream()
                .map(o -> o.getDomAttribute("value")).toList();
        assertThat(offered).as("an award's subject is offered from the ids of the application")
                .containsExactly("E-QINGTIAN", "P-JM60", "P-HD20", "CE-2026-TRAIN", "CE-2026-SIM", "PP1");
        assertThat(page.control("$.otherAwards[0].subject").getDomAttribute("list")).isEqualTo("subject-ids");
        browser.screenshot("not-eligible-ceiling-forgone");
    }

    @Test
    void anInvalidAmountShowsTheReadersMessageAtItsFieldAndNothingIsEvaluated() throws IOException {
        ObjectNode application = (ObjectNode) JSON.readTree(JOINT_MODULE.toFile());
        page.fill(application);
        page.waitFor("evaluated");

        String amount = "$.products[0].rndInvestment";
        String name = "$.computeExpenses[1].actualCost";
        page.type(amount, "-8000000");
        page.type(name, "6,000,000");
        page.waitFor("invalid");
        ((ObjectNode) application.get("products").get(0)).put("rndInvestment", "-8000000");
        ((ObjectNode) application.get("computeExpenses").get(1)).put("actualCost", "6,000,000");
        Map<String, String> messages = readerMessages(application);
        assertThat(messages).containsOnlyKeys(amount, name);
        for (Map.Entry<String, String> problem : messages.entrySet()) {
            WebElement field = page.field(problem.getKey());
            assertThat(field.findElement(By.className("field-error")).getText()).contains(problem.getValue());
            assertThat(page.control(problem.getKey()).getDomAttribute("aria-invalid")).isEqualTo("true");
        }
        assertThat(page.text("#form-problem")).contains("2 处问题");
        assertThat(page.text("#result-status")).contains("2 处问题").contains("修正前不计算");
        assertThat(browser.driver.findElements(By.cssSelector("#lines, #total"))).as("nothing evaluated").isEmpty();
        String source = browser.driver.getPageSource();
        assertThat(source).doesNotContain("\"problems\"").doesNotContain("Exception").doesNotContain("at cn.minhang");
        browser.screenshot("invalid-amount");

        page.type(amount, "8000000");
        page.type(name, "6000000");
        page.waitFor("evaluated");
        assertThat(page.total()).isEqualTo(decision(ApplicationReader.read(JOINT_MODULE)).get("total").asText());
        assertThat(browser.driver.findElements(By.cssSelector("[aria-invalid]"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("form-problem")).isDisplayed()).isFalse();
    }

    @Test
    void theEnglishSwitchShowsTheFormAndTheResultInEnglish() throws IOException {
        page.fill(JSON.readTree(JOINT_MODULE.toFile()));
        page.waitFor("evaluated");
        JsonNode expected = decision(ApplicationReader.read(JOINT_MODULE));
        browser.driver.findElement(By.id("lang-switch")).click();

        assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.driver.findElement(By.id("lang-switch")).getText()).isEqualTo("中文");
        for (FormTable.Section section : table.sections()) {
            assertThat(page.section(section.key()).findElement(By.className("section-title")).getText())
                    .isEqualTo(section.en());
        }
        FormTable.Field rnd = table.section("products").fields().get(3);
        assertThat(labelOf("$.products[0].rndInvestment").getText()).startsWith(rnd.en()).contains("Clause 1.1");
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "en"));
        assertThat(page.text("#total")).isEqualTo(grouped(expected.get("total").asText()) + " yuan");
        assertThat(page.text("#validity")).contains("placeholder dates");
        for (JsonNode reading : readingsOf(expected)) {
            assertThat(page.text("#readings")).contains(reading.get("en").asText());
        }
        assertThat(page.text("#lines")).contains("Granted at the cap").doesNotContain("给予");
        browser.screenshot("english");

        assertThat(browser.driver.getCurrentUrl()).as("the address keeps the language").endsWith("?lang=en");
        browser.driver.findElement(By.id("lang-switch")).click();
        assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "zh"));

        page.open(base.resolve("/?lang=en"));
        assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(page.section("products").findElement(By.className("section-title")).getText())
                .isEqualTo(table.section("products").en());
    }

    @Test
    void everyFieldOfTheLabelTableIsALabelledInputOnThePageInBothLanguages() throws IOException {
        for (FormTable.Section section : table.sections()) {
            if (!section.kind().equals("root")) {
                page.add(section.key());
            }
        }
        int fields = 0;
        for (FormTable.Section section : table.sections()) {
            for (FormTable.Field field : section.fields()) {
                String path = FormTable.path(section, field);
                WebElement label = labelOf(path);
                assertThat(label.isDisplayed()).as(path).isTrue();
                assertThat(label.getText()).as(path).startsWith(field.zh());
                fields++;
            }
        }
        assertThat(browser.driver.findElements(By.cssSelector(".field"))).as("no field the table lacks").hasSize(fields);
        browser.screenshot("every-section-open");
        browser.driver.findElement(By.id("lang-switch")).click();
        for (FormTable.Section section : table.sections()) {
            for (FormTable.Field field : section.fields()) {
                assertThat(labelOf(FormTable.path(section, field)).getText()).as(field.name()).startsWith(field.en());
            }
        }
    }

    @Test
    void savingThenLoadingGivesTheSameApplicationAndTheSameResult() throws IOException, InterruptedException {
        page.fill(JSON.readTree(JOINT_MODULE.toFile()));
        page.waitFor("evaluated");
        List<CalculatorPage.Line> before = page.lines();
        String total = page.total();

        browser.driver.findElement(By.id("save")).click();
        Path saved = download("EX-2026-001.json");
        assertThat(ApplicationJson.canonical(ApplicationReader.read(saved)))
                .as("the saved file is the contract's JSON of the same application, for ./policy evaluate")
                .isEqualTo(ApplicationJson.canonical(ApplicationReader.read(JOINT_MODULE)));

        page.open(base);
        assertThat(page.control("$.enterprise.id").getDomProperty("value")).isEmpty();
        browser.driver.findElement(By.id("load")).sendKeys(saved.toAbsolutePath().toString());
        page.waitFor("evaluated");
        assertThat(page.lines()).isEqualTo(before);
        assertThat(page.total()).isEqualTo(total);
        assertThat(page.control("$.products[1].rndInvestment").getDomProperty("value")).isEqualTo("12500000");
        assertThat(page.text("#file-status")).contains("EX-2026-001.json");
        browser.screenshot("loaded-from-saved-file");
    }

    @Test
    void aLoadedFileWithProblemsShowsThemAtTheirFields() throws IOException {
        // An amount written as a JSON number with a fen too many, and a field an application does not have.
        String text = Files.readString(JOINT_MODULE)
                .replace("\"actualCost\": \"12000000\"", "\"actualCost\": 12000000.555")
                .replace("\"embodiedAiField\": true,", "\"embodiedAiField\": true, \"colour\": \"blue\",");
        Path file = Files.createTempFile(browser.downloads, "bad-", ".json");
        Files.writeString(file, text);
        browser.driver.findElement(By.id("load")).sendKeys(file.toAbsolutePath().toString());
        page.waitFor("invalid");
        assertThat(page.text("#file-status")).as("the field without a place on the form is named")
                .contains("$.enterprise.colour");
        ObjectNode application = (ObjectNode) ApplicationReader.parseJson(text);
        ((ObjectNode) application.get("enterprise")).remove("colour");
        Map<String, String> messages = readerMessages(application);
        assertThat(messages).containsOnlyKeys("$.computeExpenses[0].actualCost");
        assertThat(page.field("$.computeExpenses[0].actualCost").findElement(By.className("field-error")).getText())
                .contains(messages.get("$.computeExpenses[0].actualCost"));
        assertThat(page.control("$.computeExpenses[0].actualCost").getDomProperty("value"))
                .as("an amount written as a JSON number keeps its digits").isEqualTo("12000000.555");
        browser.screenshot("loaded-file-with-problems");
    }

    @Test
    void theKeyboardAloneFillsInAndEvaluatesAnApplication() throws IOException {
        Actions keys = new Actions(browser.driver);
        tabTo("$.id");
        keys.sendKeys("K-1").perform();
        tabTo("$.applicationDate");
        keys.sendKeys("2026-04-15").perform();
        tabTo("$.enterprise.id");
        keys.sendKeys("E-K").perform();
        tabTo("$.enterprise.name");
        keys.sendKeys("键盘关节科技有限公司").perform();
        tabTo("$.enterprise.locatedInDistrict");
        keys.sendKeys(Keys.SPACE).perform();
        tabTo("$.enterprise.embodiedAiField");
        keys.sendKeys(Keys.SPACE).perform();
        WebElement products = page.section("products").findElement(By.tagName("summary"));
        tabUntil(() -> products.equals(active()));
        assertThat(outline(active())).as("focus is visible").isNotEqualTo("none");
        keys.sendKeys(Keys.ENTER).perform();
        WebElement add = page.section("products").findElement(By.className("add"));
        tabUntil(() -> add.equals(active()));
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(active()).as("adding a product moves the focus into it").isEqualTo(page.control("$.products[0].id"));
        tabTo("$.products[0].name");
        keys.sendKeys("一体化关节").perform();
        tabTo("$.products[0].category");
        keys.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN).perform();
        tabTo("$.products[0].rndInvestment");
        keys.sendKeys("8000000").perform();
        tabTo("$.products[0].ownIp");
        keys.sendKeys(Keys.SPACE).perform();
        tabTo("$.products[0].marketSales");
        keys.sendKeys(Keys.SPACE).perform();
        page.waitFor("evaluated");

        Application typed = ApplicationReader.fromJson("""
                {"id": "K-1", "applicationDate": "2026-04-15",
                 "enterprise": {"id": "E-K", "name": "键盘关节科技有限公司", "locatedInDistrict": true,
                                "embodiedAiField": true},
                 "products": [{"id": "P1", "name": "一体化关节", "category": "INTEGRATED_JOINT",
                               "rndInvestment": "8000000", "ownIp": true, "marketSales": true}]}""");
        JsonNode expected = decision(typed);
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "zh"));
        assertThat(page.text("#audit")).contains(ApplicationJson.sha256(typed));
        browser.screenshot("keyboard-only");

        WebElement remove = page.section("products").findElement(By.className("remove"));
        tabUntil(() -> remove.equals(active()));
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(active()).as("removing a product gives the focus to its section's add button").isEqualTo(add);
        page.waitFor("evaluated");
        assertThat(page.lines()).extracting(CalculatorPage.Line::clause).doesNotContain("1.1");
    }

    @Test
    void aRequestInFlightIsCancelledWhenTheApplicantTypesAgainAndOnlyTheLastAnswerIsShown() throws IOException {
        page.fill(JSON.readTree(JOINT_MODULE.toFile()));
        page.waitFor("evaluated");
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setLatency(Duration.ofSeconds(3));
        browser.driver.setNetworkConditions(slow);
        try {
            int before = page.requests();
            page.type("$.products[0].rndInvestment", "9000000");
            page.waitUntil(d -> page.requests() == before + 1);
            page.type("$.products[0].rndInvestment", "7000000");
            page.waitUntil(d -> page.requests() == before + 2);
            assertThat(browser.driver.findElement(By.tagName("body")).getDomAttribute("data-aborted"))
                    .as("the first request was cancelled").isEqualTo("1");
            page.waitFor("evaluated");
        } finally {
            browser.driver.deleteNetworkConditions();
        }
        ObjectNode application = (ObjectNode) JSON.readTree(JOINT_MODULE.toFile());
        ((ObjectNode) application.get("products").get(0)).put("rndInvestment", "7000000");
        JsonNode expected = decision(ApplicationReader.fromTree(application));
        assertThat(page.lines()).containsExactlyElementsOf(lines(expected, "zh"));
        assertThat(page.total()).isEqualTo(expected.get("total").asText());
    }

    @Test
    void onAPhonesWidthTheResultFollowsTheFormAndNothingOverflows() throws IOException {
        browser.size(375, 812);
        page.open(base);
        page.fill(JSON.readTree(JOINT_MODULE.toFile()));
        page.waitFor("evaluated");
        Number viewport = (Number) page.script("return document.documentElement.clientWidth");
        assertThat(viewport.intValue()).isLessThanOrEqualTo(375);
        Number scroll = (Number) page.script("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).as("no horizontal scrolling").isLessThanOrEqualTo(viewport.intValue());
        Number formBottom = (Number) page.script(
                "return document.getElementById('application-form').getBoundingClientRect().bottom");
        Number resultsTop = (Number) page.script(
                "return document.getElementById('results').getBoundingClientRect().top");
        assertThat(resultsTop.doubleValue()).as("the result is stacked below the form")
                .isGreaterThanOrEqualTo(formBottom.doubleValue());
        assertThat(page.lines()).containsExactlyElementsOf(lines(decision(ApplicationReader.read(JOINT_MODULE)), "zh"));
        browser.screenshot("phone-375px");
        browser.viewport("phone-375px-top");
        page.script("document.getElementById('results').scrollIntoView()");
        browser.viewport("phone-375px-result");
    }

    @Test
    void thePrintViewIsAOnePageReportOfTheResultAlone() throws IOException {
        page.fill(JSON.readTree(JOINT_MODULE.toFile()));
        page.waitFor("evaluated");
        byte[] pdf = Base64.getDecoder().decode(browser.driver.print(new PrintOptions()).getContent());
        assertThat(pages(pdf)).as("one page").isEqualTo(1);

        browser.media("print");
        assertThat(browser.driver.findElement(By.id("application-form")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("save")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("report-subject")).getText())
                .contains("上海擎天关节科技有限公司").contains("EX-2026-001").contains("2026-04-15");
        assertThat(browser.driver.findElement(By.id("lines")).isDisplayed()).isTrue();
        browser.screenshot("print-view");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static JsonNode decision(Application application) {
        return DecisionJson.toTree(application, ENGINE.evaluate(application), Instant.EPOCH);
    }

    private static List<CalculatorPage.Line> lines(JsonNode decision, String lang) {
        List<CalculatorPage.Line> lines = new ArrayList<>();
        for (JsonNode l : decision.get("lines")) {
            lines.add(new CalculatorPage.Line(l.get("clause").asText(), l.get("subject").asText(),
                    l.get("status").asText(), l.get("amount").asText(), l.get("explanation").get(lang).asText()));
        }
        return lines;
    }

    private static List<JsonNode> readingsOf(JsonNode decision) {
        List<JsonNode> readings = new ArrayList<>();
        decision.get("readings").forEach(readings::add);
        return readings;
    }

    private static JsonNode lineWith(JsonNode decision, String status) {
        for (JsonNode line : decision.get("lines")) {
            if (line.get("status").asText().equals(status)) {
                return line;
            }
        }
        throw new AssertionError("the decision has no " + status + " line: " + decision);
    }

    private static WebElement lineOnPage(JsonNode line) {
        return browser.driver.findElement(By.cssSelector("#lines li[data-clause=\"" + line.get("clause").asText()
                + "\"][data-subject=\"" + line.get("subject").asText() + "\"]"));
    }

    /** The reader's message for every problem of an application, by path. */
    private static Map<String, String> readerMessages(JsonNode application) {
        try {
            ApplicationReader.fromTree(application);
        } catch (InvalidApplicationException e) {
            Map<String, String> messages = new java.util.LinkedHashMap<>();
            for (Problem problem : e.problems()) {
                messages.put(problem.path(), problem.message());
            }
            return messages;
        }
        throw new AssertionError("the application is valid: " + application);
    }

    /** An amount as the page shows it: 10400000.00 → 10,400,000.00. */
    private static String grouped(String amount) {
        return new java.text.DecimalFormat("#,##0.00").format(new java.math.BigDecimal(amount));
    }

    private WebElement labelOf(String path) {
        WebElement field = page.field(path);
        List<WebElement> legends = field.findElements(By.cssSelector("legend"));
        if (!legends.isEmpty()) {
            return legends.get(0);
        }
        String id = page.control(path).getDomAttribute("id");
        return browser.driver.findElement(By.cssSelector("label[for=\"" + id + "\"]"));
    }

    private static WebElement active() {
        return browser.driver.switchTo().activeElement();
    }

    private void tabTo(String path) {
        WebElement target = page.control(path);
        tabUntil(() -> target.equals(active()));
    }

    private static void tabUntil(java.util.function.BooleanSupplier reached) {
        Actions keys = new Actions(browser.driver);
        for (int i = 0; i < 80 && !reached.getAsBoolean(); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(reached.getAsBoolean()).as("reached with the Tab key").isTrue();
    }

    private static String outline(WebElement element) {
        return element.getCssValue("outline-style");
    }

    private static Path download(String name) throws IOException, InterruptedException {
        Path file = browser.downloads.resolve(name);
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> Files.isRegularFile(file)
                && !Files.exists(browser.downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** The number of pages of a PDF: its page objects ({@code /Type /Page}, not {@code /Pages}). */
    private static int pages(byte[] pdf) {
        Matcher m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
