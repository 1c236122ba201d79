package cn.minhang.policy.service.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The calculator page as a person uses it: open a section, add an item, type into the field of a path. */
final class CalculatorPage {
    /** A line of the result as the page shows it. */
    record Line(String clause, String subject, String status, String amount, String explanation) {
    }

    private final WebDriver driver;
    private final FormTable table;

    CalculatorPage(WebDriver driver, FormTable table) {
        this.driver = driver;
        this.table = table;
    }

    CalculatorPage open(URI base) {
        driver.get(base.toString());
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        return this;
    }

    WebElement section(String key) {
        return driver.findElement(By.id("section-" + key));
    }

    /**
     * Opens a section with the keyboard (Enter on its summary). Buttons and boxes are pressed with keys rather than
     * clicks, which would land elsewhere if the page moved between aiming and clicking.
     */
    void openSection(String key) {
        WebElement details = section(key);
        if (details.getDomProperty("open").equals("false")) {
            details.findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
            waitUntil(d -> section(key).getDomProperty("open").equals("true"));
        }
    }

    void add(String key) {
        openSection(key);
        int before = section(key).findElements(By.cssSelector(".item")).size();
        section(key).findElement(By.cssSelector(".add")).sendKeys(Keys.ENTER);
        waitUntil(d -> section(key).findElements(By.cssSelector(".item")).size() == before + 1);
    }

    /** The field (label, control, hint and error) at a JSON path. */
    WebElement field(String path) {
        return driver.findElement(By.cssSelector(".field[data-path=\"" + path + "\"]"));
    }

    WebElement control(String path) {
        return field(path).findElement(By.cssSelector("input, select, textarea"));
    }

    void type(String path, String text) {
        WebElement control = control(path);
        control.clear();
        control.sendKeys(text);
    }

    void check(String path, boolean on) {
        WebElement box = control(path);
        if (box.isSelected() != on) {
            box.sendKeys(Keys.SPACE);
        }
    }

    /** Types a whole application in, section by section, as the form's table describes its fields. */
    void fill(JsonNode application) {
        for (FormTable.Section section : table.sections()) {
            switch (section.kind()) {
                case "root" -> {
                    for (FormTable.Field field : section.fields()) {
                        JsonNode value = application;
                        for (String part : field.name().split("\\.")) {
                            value = value.path(part);
                        }
                        set("$." + field.name(), field, value);
                    }
                }
                case "list" -> {
                    JsonNode items = application.path(section.key());
                    for (int i = 0; i < items.size(); i++) {
                        add(section.key());
                        for (FormTable.Field field : section.fields()) {
                            set("$." + section.key() + "[" + i + "]." + field.name(), field, items.get(i).path(field.name()));
                        }
                    }
                }
                default -> {
                    JsonNode item = application.path(section.key());
                    if (item.isObject()) {
                        add(section.key());
                        for (FormTable.Field field : section.fields()) {
                            set("$." + section.key() + "." + field.name(), field, item.path(field.name()));
                        }
                    }
                }
            }
        }
    }

    private void set(String path, FormTable.Field field, JsonNode value) {
        switch (field.type()) {
            case "boolean" -> check(path, value.asBoolean(false));
            case "enum" -> {
                if (!value.isMissingNode() && !value.isNull()) {
                    new Select(control(path)).selectByValue(value.asText());
                }
            }
            case "enumList" -> {
                for (WebElement box : field(path).findElements(By.cssSelector("input[type=checkbox]"))) {
                    boolean wanted = false;
                    for (JsonNode v : value) {
                        wanted |= v.asText().equals(box.getDomAttribute("value"));
                    }
                    if (box.isSelected() != wanted) {
                        box.sendKeys(Keys.SPACE);
                    }
                }
            }
            case "textList" -> {
                List<String> lines = new ArrayList<>();
                value.forEach(v -> lines.add(v.asText()));
                type(path, String.join("\n", lines));
            }
            default -> {
                if (value.isMissingNode() || value.isNull()) {
                    control(path).clear();
                } else {
                    type(path, value.isTextual() ? value.textValue() : value.toString());
                }
            }
        }
    }

    /** Waits until the result is in the given state: evaluated, invalid, failed. */
    void waitFor(String state) {
        waitUntil(d -> state.equals(d.findElement(By.id("results")).getDomAttribute("data-state")));
    }

    String state() {
        return driver.findElement(By.id("results")).getDomAttribute("data-state");
    }

    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        for (WebElement li : driver.findElements(By.cssSelector("#lines > li.line"))) {
            lines.add(new Line(li.getDomAttribute("data-clause"), li.getDomAttribute("data-subject"),
                    li.getDomAttribute("data-status"), li.getDomAttribute("data-amount"),
                    li.findElement(By.className("explanation")).getText()));
        }
        return lines;
    }

    String total() {
        return driver.findElement(By.id("total")).getDomAttribute("data-amount");
    }

    Map<String, String> totalsByClause() {
        Map<String, String> totals = new LinkedHashMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#totals-by-clause tbody tr"))) {
            totals.put(row.getDomAttribute("data-clause"), row.getDomAttribute("data-amount"));
        }
        return totals;
    }

    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    int requests() {
        return Integer.parseInt(driver.findElement(By.tagName("body")).getDomAttribute("data-requests"));
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition::apply);
    }

    static Map<String, String> fields(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
