package cn.minhang.policy.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Batch over a generated population of 2,000 with a few broken lines among them. */
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 2_000;

    @TempDir
    static Path dir;
    static Path input;
    static List<String> inputLines;

    @BeforeAll
    static void population() throws Exception {
        Path generated = dir.resolve("generated.jsonl");
        assertThat(Cli.run("generate", "--count", String.valueOf(COUNT), "--seed", "20260301", "-o",
                generated.toString()).code()).isEqualTo(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(generated, StandardCharsets.UTF_8));
        assertThat(lines).hasSize(COUNT);
        lines.add(4, "{\"id\": \"BROKEN-1\", \"applicationDate\": \"2026-01-01\", \"colour\": \"red\"}");
        lines.add(9, "");
        lines.add(500, "{\"id\": \"BROKEN-2\", ");
        input = dir.resolve("in.jsonl");
        Files.write(input, lines, StandardCharsets.UTF_8);
        inputLines = lines;
    }

    @Test
    void everyInputLineHasExactlyOneOutputLineInOrderAndTheBudgetAddsUp() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path summary = dir.resolve("summary.json");
        Cli.Result r = Cli.run("batch", input.toString(), "-o", out.toString(), "--summary-json", summary.toString(),
                "--at", "2026-06-30T00:00:00Z", "--lang", "en");
        assertThat(r.code()).as(r.err()).isEqualTo(2);

        List<String> output = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(output).hasSize(inputLines.size());
        BigDecimal sumOfTotals = BigDecimal.ZERO;
        Map<String, BigDecimal> sumByClause = new HashMap<>();
        int decisions = 0;
        for (int i = 0; i < output.size(); i++) {
            JsonNode line = JSON.readTree(output.get(i));
            assertThat(line.path("line").asInt()).isEqualTo(i + 1);
            if (line.has("error")) {
                assertThat(line.path("error").asText()).isEqualTo("invalid application");
                assertThat(line.path("problems")).isNotEmpty();
                continue;
            }
            decisions++;
            assertThat(line.path("applicationId").asText()).isEqualTo(JSON.readTree(inputLines.get(i)).path("id").asText());
            sumOfTotals = sumOfTotals.add(new BigDecimal(line.path("total").asText()));
            for (Iterator<Map.Entry<String, JsonNode>> it = line.path("totalsByClause").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sumByClause.merge(e.getKey(), new BigDecimal(e.getValue().asText()), BigDecimal::add);
            }
        }
        assertThat(decisions).isEqualTo(COUNT);
        JsonNode line5 = JSON.readTree(output.get(4));
        assertThat(line5.path("problems").findValuesAsText("path")).contains("$.colour", "$.enterprise");
        assertThat(JSON.readTree(output.get(9)).path("problems").get(0).path("message").asText()).contains("empty");
        assertThat(JSON.readTree(output.get(500)).path("problems").get(0).path("message").asText()).contains("malformed JSON");

        JsonNode budget = JSON.readTree(summary.toFile());
        assertThat(budget.path("lines").asInt()).isEqualTo(inputLines.size());
        assertThat(budget.path("evaluated").asInt()).isEqualTo(COUNT);
        assertThat(budget.path("invalid").asInt()).isEqualTo(3);
        assertThat(new BigDecimal(budget.path("grandTotal").asText())).isEqualByComparingTo(sumOfTotals)
                .isGreaterThan(BigDecimal.ZERO);
        BigDecimal clauseSum = BigDecimal.ZERO;
        for (JsonNode row : budget.path("clauses")) {
            BigDecimal amount = new BigDecimal(row.path("amount").asText());
            assertThat(amount).as(row.path("clause").asText())
                    .isEqualByComparingTo(sumByClause.getOrDefault(row.path("clause").asText(), BigDecimal.ZERO));
            clauseSum = clauseSum.add(amount);
        }
        assertThat(clauseSum).isEqualByComparingTo(sumOfTotals);
        assertThat(r.out()).contains("Budget summary").contains(String.format("%,d input lines: %,d applicants evaluated, 3 invalid",
                inputLines.size(), COUNT)).contains("Total");
        assertThat(r.out()).contains(cn.minhang.policy.engine.Explanations.yuan(sumOfTotals));
    }

    @Test
    void theOutputIsTheSameOnOneThreadAsOnSeveral() throws Exception {
        Path one = dir.resolve("one.jsonl");
        Path several = dir.resolve("several.jsonl");
        List<String> head = inputLines.subList(0, 300);
        Path small = dir.resolve("small.jsonl");
        Files.write(small, head, StandardCharsets.UTF_8);
        Cli.run("batch", small.toString(), "-o", one.toString(), "--threads", "1", "--at", "2026-06-30T00:00:00Z");
        Cli.run("batch", small.toString(), "-o", several.toString(), "--threads", "3", "--at", "2026-06-30T00:00:00Z");
        assertThat(Files.readAllBytes(several)).isEqualTo(Files.readAllBytes(one));
        assertThat(Files.readAllLines(one)).hasSize(300);
    }

    @Test
    void withoutExplanationsEachLineIsTheCompleteLineLessItsSentences() throws Exception {
        Path small = dir.resolve("small-lean.jsonl");
        Files.write(small, inputLines.subList(0, 300), StandardCharsets.UTF_8);
        Path full = dir.resolve("full.jsonl");
        Path lean = dir.resolve("lean.jsonl");
        Cli.run("batch", small.toString(), "-o", full.toString(), "--at", "2026-06-30T00:00:00Z");
        Cli.Result r = Cli.run("batch", small.toString(), "-o", lean.toString(), "--at", "2026-06-30T00:00:00Z",
                "--no-explanations");
        assertThat(r.code()).isEqualTo(2);
        List<String> fullLines = Files.readAllLines(full, StandardCharsets.UTF_8);
        List<String> leanLines = Files.readAllLines(lean, StandardCharsets.UTF_8);
        assertThat(leanLines).hasSameSizeAs(fullLines).hasSize(300);
        int explained = 0;
        for (int i = 0; i < fullLines.size(); i++) {
            JsonNode expected = JSON.readTree(fullLines.get(i));
            for (JsonNode line : expected.path("lines")) {
                assertThat(line.path("explanation").path("zh").asText()).isNotBlank();
                ((com.fasterxml.jackson.databind.node.ObjectNode) line).remove("explanation");
                explained++;
            }
            assertThat(JSON.readTree(leanLines.get(i))).as("line %d", i + 1).isEqualTo(expected);
        }
        assertThat(explained).isGreaterThan(300);
        assertThat(Files.size(lean)).isLessThan(Files.size(full) * 4 / 5);
    }

    @Test
    void aCleanPopulationExitsWith0AndWritesToStdoutWithTheSummaryOnStderr() throws Exception {
        Path clean = dir.resolve("clean.jsonl");
        Files.write(clean, inputLines.subList(10, 60), StandardCharsets.UTF_8);
        Cli.Result r = Cli.run("batch", clean.toString(), "--no-progress");
        assertThat(r.code()).isEqualTo(0);
        assertThat(r.out().lines().count()).isEqualTo(50);
        assertThat(r.out().lines()).allMatch(l -> l.startsWith("{\"line\":"));
        assertThat(r.err()).contains("预算汇总").contains("合计");
    }

    @Test
    void aLineLongerThanAnApplicationMayBeIsAnErrorLineAndTheNextLinesStillCome() throws Exception {
        Path huge = dir.resolve("huge.jsonl");
        String big = "{\"id\": \"" + "x".repeat(1_200_000) + "\"}";
        Files.writeString(huge, inputLines.get(0) + "\r\n" + big + "\n" + inputLines.get(1), StandardCharsets.UTF_8);
        Path out = dir.resolve("huge-out.jsonl");
        Cli.Result r = Cli.run("batch", huge.toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).path("applicationId").asText()).isEqualTo("APP-0000001");
        assertThat(JSON.readTree(lines.get(1)).path("problems").get(0).path("message").asText())
                .isEqualTo("the line has " + big.length() + " characters; an application is at most 1048576 bytes");
        assertThat(JSON.readTree(lines.get(2)).path("applicationId").asText()).isEqualTo("APP-0000002");
    }

    @Test
    void aLineThatIsNotUtf8IsAnErrorLineSayingSoAndTheNextLinesStillCome() throws Exception {
        Path mixed = dir.resolve("not-utf8.jsonl");
        byte[] first = inputLines.get(0).getBytes(StandardCharsets.UTF_8);
        String second = inputLines.get(1);
        int name = second.indexOf("\"name\":\"") + "\"name\":\"".length();
        assertThat(second.substring(0, name)).matches("\\p{ASCII}*");
        byte[] broken = second.getBytes(StandardCharsets.UTF_8);
        broken[name] = (byte) 0xFF;  // the first byte of the enterprise's name, as no UTF-8 has it
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        input.write(first);
        input.write('\n');
        input.write(broken);
        input.write('\n');
        input.write(inputLines.get(2).getBytes(StandardCharsets.UTF_8));
        Files.write(mixed, input.toByteArray());
        Path out = dir.resolve("not-utf8-out.jsonl");
        Cli.Result r = Cli.run("batch", mixed.toString(), "-o", out.toString(), "--no-progress");
        assertThat(r.code()).isEqualTo(2);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines.get(0)).path("applicationId").asText()).isEqualTo("APP-0000001");
        JsonNode error = JSON.readTree(lines.get(1));
        assertThat(error.path("line").asInt()).isEqualTo(2);
        assertThat(error.path("problems").get(0).path("path").asText()).isEqualTo("$");
        assertThat(error.path("problems").get(0).path("message").asText()).isEqualTo("the document is not valid UTF-8");
        assertThat(JSON.readTree(lines.get(2)).path("applicationId").asText()).isEqualTo("APP-0000003");
    }

    @Test
    void anOutputOrInputThatCannotBeUsedIsAnInvalidOptionNamedInWordsBeforeAnyLineIsEvaluated() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Path small = dir.resolve("small.jsonl");
        Files.write(small, inputLines.subList(0, 3), StandardCharsets.UTF_8);

        Cli.Result toFolder = Cli.run("batch", small.toString(), "-o", folder.toString());
        assertThat(toFolder.code()).isEqualTo(2);
        assertThat(toFolder.err().strip()).isEqualTo("error: cannot write -o " + folder + ": is a directory");

        // The summary's file is found unwritable before the batch, not after it: no decision is written.
        Path nowhere = dir.resolve("no-such-folder").resolve("summary.json");
        Path decisions = dir.resolve("out-small.jsonl");
        Cli.Result summary = Cli.run("batch", small.toString(), "-o", decisions.toString(),
                "--summary-json", nowhere.toString());
        assertThat(summary.code()).isEqualTo(2);
        assertThat(summary.err().strip())
                .isEqualTo("error: cannot write --summary-json " + nowhere + ": no such file or directory");
        assertThat(summary.out()).isEmpty();
        assertThat(decisions).doesNotExist();

        Cli.Result fromFolder = Cli.run("batch", folder.toString());
        assertThat(fromFolder.code()).isEqualTo(2);
        assertThat(fromFolder.err().strip()).isEqualTo("error: input file " + folder + " is not a file");

        Cli.Result generated = Cli.run("generate", "--count", "1", "-o", folder.toString());
        assertThat(generated.code()).isEqualTo(2);
        assertThat(generated.err().strip()).isEqualTo("error: cannot write -o " + folder + ": is a directory");
    }

    @Test
    void aMissingInputFileIsInvalidInput() {
        Cli.Result r = Cli.run("batch", dir.resolve("nowhere.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("does not exist");
    }
}
