package cn.minhang.policy.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Explanations;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.Reason;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs spec files: YAML files of cases, each an application and the decision it must get.
 *
 * <pre>
 * given:                         # fields every case's application starts from
 *   id: SPEC-M01
 *   applicationDate: 2026-03-01
 *   enterprise: {id: E1, name: 示例科技, locatedInDistrict: true, embodiedAiField: true}
 * cases:
 *   - case: "Case 1: R&amp;D of 8,000,000 gets 30%, 2,400,000"
 *     application:               # its own fields replace the given ones of the same name
 *       products: [{id: P1, name: 关节, category: INTEGRATED_JOINT, rndInvestment: 8000000, ownIp: true, marketSales: true}]
 *     expect:
 *       lines:                   # exactly these lines, in any order
 *         - {clause: "1.1", subject: P1, status: GRANTED, amount: "2400000.00"}
 *       total: "2400000.00"
 *       explanations:            # each must appear in the Chinese or the English explanation
 *         - "研发投入 8,000,000.00 元 × 30% = 2,400,000.00 元"
 *       reasons: ["产品未形成自主知识产权"]   # each must appear in some line's reasons
 *       readings: ["100% of the booth fee"]  # each must appear in a reading the decision applies
 *       forgone: [O1]            # optional: the other-policy awards to forgo
 *       notApplicable: [2, 3]    # optional: measures with no line
 *       errors: ["$.purchases[0].amount"]   # instead of lines: the application is rejected with these paths
 * </pre>
 */
public final class SpecRunner {
    private final PolicyEngine engine;

    public SpecRunner(PolicyEngine engine) {
        this.engine = engine;
    }

    /** Every case of every {@code *.yaml} file in {@code directory}, in file order. */
    public static List<SpecCase> load(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<SpecCase> cases = new ArrayList<>();
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList()) {
                cases.addAll(loadFile(file));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list specs in " + directory, e);
        }
    }

    /** The cases of one spec file. */
    public static List<SpecCase> loadFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec " + file, e);
        }
        String name = file.getFileName().toString();
        JsonNode root;
        try {
            root = ApplicationReader.parseYaml(text);
        } catch (InvalidApplicationException e) {
            throw new IllegalArgumentException(name + ": " + e.problems().get(0).message(), e);
        }
        JsonNode given = root.path("given");
        JsonNode cases = root.get("cases");
        if (cases == null || !cases.isArray() || cases.isEmpty()) {
            throw new IllegalArgumentException(name + ": a spec file needs a non-empty list 'cases'");
        }
        List<SpecCase> result = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            String caseName = c.path("case").isTextual() ? c.path("case").textValue() : null;
            String where = name + ": case " + (i + 1) + (caseName == null ? "" : " (\"" + caseName + "\")") + ": ";
            if (caseName == null || caseName.isBlank()) {
                problems.add(where + "has no 'case' sentence");
            }
            if (!c.path("expect").isObject()) {
                List<String> keys = new ArrayList<>();
                c.fieldNames().forEachRemaining(keys::add);
                problems.add(where + "has no 'expect' block; its keys are " + String.join(", ", keys));
                continue;
            }
            expectationProblems(c.get("expect")).forEach(problem -> problems.add(where + problem));
            if (!problems.isEmpty()) {
                continue;
            }
            ObjectNode application = given.isObject() ? ((ObjectNode) given).deepCopy()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            JsonNode own = c.path("application");
            for (Iterator<Map.Entry<String, JsonNode>> fields = own.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                application.set(field.getKey(), field.getValue());
            }
            result.add(new SpecCase(name, caseName, application, c.get("expect")));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return result;
    }

    /**
     * What the runner could not read in an {@code expect} block, each at its place: an amount that is no amount
     * or a status that is none would otherwise fail the run with an exception, or fail a case that can never
     * pass.
     */
    private static List<String> expectationProblems(JsonNode expect) {
        List<String> problems = new ArrayList<>();
        JsonNode lines = expect.path("lines");
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            amountProblem(line.path("amount"), "expect.lines[" + i + "].amount", problems);
            JsonNode status = line.path("status");
            if (status.isMissingNode() || !STATUSES.contains(status.asText())) {
                problems.add("expect.lines[" + i + "].status: must be one of " + String.join(", ", STATUSES)
                        + ", was " + (status.isMissingNode() ? "absent" : "\"" + status.asText() + "\""));
            }
        }
        amountProblem(expect.path("total"), "expect.total", problems);
        return problems;
    }

    private static final List<String> STATUSES = java.util.Arrays.stream(cn.minhang.policy.engine.Status.values())
            .map(Enum::name).toList();

    private static void amountProblem(JsonNode amount, String path, List<String> problems) {
        String text = amountText(amount);
        if (amount.isMissingNode() || amount.isNull() || amount.isNumber()) {
            return;
        }
        if (!amount.isTextual() || !text.matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
            problems.add(path + ": must be an amount in yuan such as \"2400000\", was \"" + text + "\"");
        }
    }

    /** Runs one case against the engine's rules. */
    public SpecResult run(SpecCase specCase) {
        List<String> fired = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> expectedErrors = specCase.expectedErrorPaths();
        Application application;
        try {
            application = ApplicationReader.fromTree(specCase.application());
        } catch (InvalidApplicationException e) {
            List<String> actual = e.problems().stream().map(Problem::path).toList();
            if (expectedErrors.isEmpty()) {
                failures.add("the application was rejected: " + e.problems());
            } else if (!actual.containsAll(expectedErrors)) {
                failures.add("expected errors at " + expectedErrors + ", got " + e.problems());
            }
            return new SpecResult(specCase, failures, failures.isEmpty() ? "" : String.join("\n", failures), fired);
        }
        if (!expectedErrors.isEmpty()) {
            failures.add("expected the application to be rejected at " + expectedErrors + ", but it was evaluated");
            return new SpecResult(specCase, failures, String.join("\n", failures), fired);
        }
        Decision decision;
        try {
            decision = engine.evaluate(application, fired::add);
        } catch (RuntimeException e) {
            failures.add("evaluation failed: " + cn.minhang.policy.engine.EvaluationFailure.describe(e));
            return new SpecResult(specCase, failures, String.join("\n", failures), fired);
        }
        JsonNode expect = specCase.expect();
        List<String> expectedLines = new ArrayList<>();
        for (JsonNode l : expect.path("lines")) {
            expectedLines.add(key(l.path("clause").asText(), l.path("subject").asText(), l.path("status").asText(),
                    amountText(l.path("amount"))));
        }
        List<String> actualLines = decision.lines().stream()
                .map(l -> key(l.clause().id(), l.subject(), l.status().name(), l.amount().toPlainString()))
                .toList();
        if (!sorted(expectedLines).equals(sorted(actualLines))) {
            failures.add("the lines differ");
        }
        if (expect.has("total")) {
            BigDecimal total = new BigDecimal(amountText(expect.get("total")));
            if (total.compareTo(decision.totalGranted()) != 0) {
                failures.add("expected total " + Explanations.yuan(total) + ", got "
                        + Explanations.yuan(decision.totalGranted()));
            }
        }
        String explained = decision.explain(Language.ZH) + "\n" + decision.explain(Language.EN);
        for (JsonNode e : expect.path("explanations")) {
            if (!explained.contains(e.asText())) {
                failures.add("no explanation contains \"" + e.asText() + "\"");
            }
        }
        for (JsonNode r : expect.path("reasons")) {
            boolean found = decision.lines().stream().flatMap(l -> l.reasons().stream())
                    .anyMatch(reason -> reason.zh().contains(r.asText()) || reason.en().contains(r.asText()));
            if (!found) {
                failures.add("no line gives the reason \"" + r.asText() + "\"");
            }
        }
        for (JsonNode r : expect.path("readings")) {
            boolean found = decision.readings().stream()
                    .anyMatch(reading -> reading.zh().contains(r.asText()) || reading.en().contains(r.asText()));
            if (!found) {
                failures.add("the decision applies no reading containing \"" + r.asText() + "\"");
            }
        }
        if (expect.has("forgone")) {
            List<String> expected = new ArrayList<>();
            expect.get("forgone").forEach(f -> expected.add(f.asText()));
            List<String> actual = decision.forgone().stream().map(f -> f.award().id()).toList();
            if (!sorted(expected).equals(sorted(actual))) {
                failures.add("expected forgone awards " + expected + ", got " + actual);
            }
        }
        if (expect.has("notApplicable")) {
            List<Integer> expected = new ArrayList<>();
            expect.get("notApplicable").forEach(m -> expected.add(m.asInt()));
            if (!expected.equals(decision.measuresNotApplicable())) {
                failures.add("expected measures not applicable " + expected + ", got " + decision.measuresNotApplicable());
            }
        }
        String report = failures.isEmpty() ? "" : report(failures, expectedLines, actualLines, expect, decision);
        return new SpecResult(specCase, failures, report, fired);
    }

    /** Runs every case. */
    public List<SpecResult> runAll(List<SpecCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    private static String report(List<String> failures, List<String> expected, List<String> actual, JsonNode expect,
                                 Decision decision) {
        StringBuilder out = new StringBuilder();
        failures.forEach(f -> out.append("  ✗ ").append(f).append('\n'));
        List<String> left = sorted(expected);
        List<String> right = sorted(actual);
        int width = Math.max("expected".length(), left.stream().mapToInt(String::length).max().orElse(0)) + 2;
        out.append(String.format("  %-" + width + "s| %s%n", "expected", "actual"));
        out.append("  ").append("-".repeat(width)).append("+").append("-".repeat(width)).append('\n');
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String l = i < left.size() ? left.get(i) : "";
            String r = i < right.size() ? right.get(i) : "";
            out.append(String.format("%s %-" + width + "s| %s%n", l.equals(r) ? " " : "≠", l, r));
        }
        out.append(String.format("  %-" + width + "s| %s%n", "total " + expect.path("total").asText("?"),
                "total " + decision.totalGranted().toPlainString()));
        out.append("  actual decision:\n");
        for (AwardLine line : decision.lines()) {
            out.append("    ").append(line.explanation(Language.ZH)).append('\n');
            out.append("    ").append(line.explanation(Language.EN)).append('\n');
        }
        for (ForgoneAward f : decision.forgone()) {
            Reason r = f.explanation();
            out.append("    ").append(r.en()).append('\n');
        }
        return out.toString();
    }

    private static String key(String clause, String subject, String status, String amount) {
        return clause + " " + subject + " " + status + " " + new BigDecimal(amount).setScale(2).toPlainString();
    }

    private static String amountText(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "0" : node.asText();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
