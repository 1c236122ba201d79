package cn.minhang.policy.props;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.spec.SpecCase;
import cn.minhang.policy.spec.SpecRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random mutations of valid applications (every spec case's application and generated ones), as text and as
 * trees, read as JSON or YAML. Whatever the document, the only exception is the documented
 * {@link InvalidApplicationException} with well-formed problems; a document that is read is evaluated, and its
 * decision keeps every invariant. Fixed seed; {@code -Dpolicy.fuzz=N} sets the number of documents.
 */
class FuzzTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> SNIPPETS = List.of("\"", "{", "}", "[", "]", ",", ":", "\\", "\u0000", "\u001b",
            "\uFEFF", "\ud800", "1e400", "NaN", "-0", "*a", "&a ", "!!binary ", "---\n", "\n", "\t", "- ", "? ", "null",
            "true", "1234567890123456789012345678901234567890", "\u202e", "名", "😀", " #", "'", "~", "0x1F", ".inf");

    @Test
    void mutatedDocumentsAreReadOrRefusedWithTheDocumentedErrorOnly() throws IOException {
        PolicyEngine engine = PolicyEngine.fromDirectory(Path.of("rules"));
        List<JsonNode> seeds = new ArrayList<>();
        for (SpecCase c : SpecRunner.load(Path.of("specs"))) {
            if (c.expectedErrorPaths().isEmpty()) {
                seeds.add(c.application());
            }
        }
        int fromSpecs = seeds.size();
        for (int i = 0; i < 40; i++) {
            seeds.add(Trees.tree(Generators.application(Property.random("fuzz seeds", i))));
        }
        int tries = Integer.getInteger("policy.fuzz", 3000);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < tries; i++) {
            SplittableRandom r = Property.random("fuzz", i);
            JsonNode seed = seeds.get(r.nextInt(seeds.size()));
            Document doc = mutate(seed, r);
            String outcome;
            try {
                Application a = doc.read();
                Decision d = engine.evaluate(a);
                Invariants.check(a, d);
                outcome = "read and evaluated";
            } catch (InvalidApplicationException e) {
                wellFormed(e, doc, i);
                outcome = "refused: " + kind(e.problems().get(0));
            } catch (Throwable e) {
                Path saved = save(doc, i);
                throw new AssertionError("document " + (i + 1) + " of " + tries + " (seed " + Property.SEED
                        + ") raised " + e + " instead of InvalidApplicationException; the document is in " + saved, e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        System.out.printf("[fuzz] %d mutated documents from %d seeds (%d spec cases, 40 generated), seed %d: %s%n",
                tries, seeds.size(), fromSpecs, Property.SEED, outcomes);
        assertThat(outcomes).containsKey("read and evaluated");
        assertThat(outcomes.keySet().stream().filter(k -> k.startsWith("refused")).count()).isGreaterThan(8);
    }

    /** A mutated document and how it is read. */
    record Document(String format, String text, JsonNode tree) {
        Application read() {
            return switch (format) {
                case "json" -> ApplicationReader.fromJson(text);
                case "yaml" -> ApplicationReader.fromYaml(text);
                default -> ApplicationReader.fromTree(tree);
            };
        }
    }

    private static void wellFormed(InvalidApplicationException e, Document doc, int i) {
        assertThat(e.problems()).as("document %d", i + 1).isNotEmpty();
        for (Problem p : e.problems()) {
            assertThat(p.path()).as("document %d: %s", i + 1, p).startsWith("$");
            assertThat(p.message()).as("document %d: %s", i + 1, p).isNotBlank();
            assertThat(p.toString().length()).as("document %d: %s", i + 1, p).isLessThan(2_000);
            assertThat(p.toString().chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c < 0xa0))
                    .as("document %d: no control characters in %s", i + 1, p).isTrue();
        }
    }

    /** The kind of a problem, for the run's summary. */
    private static String kind(Problem p) {
        String m = p.message();
        if (m.startsWith("malformed JSON") || m.startsWith("malformed YAML")) {
            return m.substring(0, 14);
        }
        if (m.contains("exceeds a limit") || m.contains("bytes long") || m.contains("facts; at most")
                || m.contains("items; at most") || m.contains("document is empty")) {
            return "document limit or empty document";
        }
        if (m.contains("is not a field of")) {
            return "unknown field";
        }
        if (m.startsWith("is required") || m.startsWith("must not be null")) {
            return "missing value";
        }
        if (m.startsWith("duplicates the id") || m.startsWith("names \"")) {
            return "duplicate id or unknown subject";
        }
        if (m.startsWith("contains the character") || m.contains("characters long; at most")) {
            return "text with a control character or too long";
        }
        if (m.startsWith("must not be negative") || m.startsWith("must not exceed") || m.contains("two decimals")
                || m.startsWith("must be between")) {
            return "impossible amount or number";
        }
        if (m.startsWith("must be")) {
            return "wrong type or value";
        }
        return "other: " + (m.length() > 40 ? m.substring(0, 40) : m);
    }

    private static Path save(Document doc, int i) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            return Files.writeString(dir.resolve("document-" + (i + 1) + "." + doc.format()),
                    doc.text() != null ? doc.text() : Trees.json(doc.tree()));
        } catch (IOException e) {
            return Path.of("(not saved: " + e + ")");
        }
    }

    static Document mutate(JsonNode seed, SplittableRandom r) {
        JsonNode tree = seed.deepCopy();
        int treeMutations = r.nextInt(0, 4);
        for (int k = 0; k < treeMutations; k++) {
            tree = mutateTree(tree, r);
        }
        int choice = r.nextInt(100);
        if (choice < 15) {
            return new Document("tree", null, tree);
        }
        String format = choice < 70 ? "json" : "yaml";
        String text;
        try {
            text = format.equals("json") ? Trees.json(tree) : Trees.yaml(tree);
        } catch (RuntimeException e) {
            format = "json";
            text = Trees.json(tree);
        }
        int textMutations = r.nextInt(100) < 40 ? r.nextInt(1, 4) : 0;
        for (int k = 0; k < textMutations; k++) {
            text = mutateText(text, r);
        }
        return new Document(format, text, null);
    }

    private static String mutateText(String text, SplittableRandom r) {
        if (text.isEmpty()) {
            return SNIPPETS.get(r.nextInt(SNIPPETS.size()));
        }
        int at = r.nextInt(text.length() + 1);
        int len = Math.min(text.length() - Math.min(at, text.length()), r.nextInt(1, 20));
        return switch (r.nextInt(8)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + text.substring(at + len);
            case 2 -> text.substring(0, at) + SNIPPETS.get(r.nextInt(SNIPPETS.size())) + text.substring(at);
            case 3 -> text.substring(0, at) + text.substring(at, at + len) + text.substring(at);
            case 4 -> at < text.length() ? text.substring(0, at) + (char) r.nextInt(0x20, 0x7f) + text.substring(at + 1) : text;
            case 5 -> text.substring(0, at) + "[".repeat(r.nextInt(1, 3000)) + text.substring(at);
            case 6 -> text.substring(0, at) + (char) r.nextInt(0, 0x20) + text.substring(at);
            default -> text.substring(0, at) + (char) r.nextInt(0x4e00, 0x9fff) + text.substring(at);
        };
    }

    private static JsonNode mutateTree(JsonNode root, SplittableRandom r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int op = r.nextInt(5);
            if (names.isEmpty() || op == 0) {
                object.set(r.nextBoolean() ? "colour" : "id\u0007" + r.nextInt(10), hostile(r));
            } else {
                String name = names.get(r.nextInt(names.size()));
                switch (op) {
                    case 1 -> object.remove(name);
                    case 2 -> object.set(name, hostile(r));
                    case 3 -> object.set(name, r.nextBoolean() ? NODES.textNode(someId(root, r)) : NODES.nullNode());
                    default -> {
                        JsonNode value = object.remove(name);
                        object.set(name.toUpperCase(), value);
                    }
                }
            }
        } else if (target instanceof ArrayNode array) {
            int op = r.nextInt(4);
            if (array.isEmpty() || op == 0) {
                array.add(hostile(r));
            } else if (op == 1) {
                array.add(array.get(r.nextInt(array.size())).deepCopy());
            } else if (op == 2) {
                array.remove(r.nextInt(array.size()));
            } else {
                array.set(r.nextInt(array.size()), hostile(r));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static String someId(JsonNode root, SplittableRandom r) {
        List<String> ids = new ArrayList<>();
        root.findValues("id").forEach(v -> ids.add(v.asText()));
        return ids.isEmpty() ? "S1" : ids.get(r.nextInt(ids.size()));
    }

    private static JsonNode hostile(SplittableRandom r) {
        return switch (r.nextInt(24)) {
            case 0 -> NODES.numberNode(new BigDecimal("1E+400"));
            case 1 -> NODES.numberNode(new BigDecimal("1E+999999999"));
            case 2 -> NODES.numberNode(new BigDecimal("1E-999999999"));
            case 3 -> NODES.numberNode(new BigInteger("1234567890123456789012345678901234567890"));
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(new BigDecimal("-0.0"));
            case 6 -> NODES.numberNode(new BigDecimal("2026.5"));
            case 7 -> NODES.numberNode(Long.MAX_VALUE);
            case 8 -> NODES.textNode("");
            case 9 -> NODES.textNode("x".repeat(r.nextInt(150, 20_000)));
            case 10 -> NODES.textNode("a\u0000b\u001b[31m");
            case 11 -> NODES.textNode(r.nextBoolean() ? "NaN" : "-Infinity");
            case 12 -> NODES.textNode(r.nextBoolean() ? "1e3" : "-0");
            case 13 -> NODES.textNode(r.nextBoolean() ? "2026-02-30" : "+999999999-12-31");
            case 14 -> NODES.textNode("\ud800");
            case 15 -> NODES.textNode("\u202eevil");
            case 16 -> NODES.booleanNode(r.nextBoolean());
            case 17 -> NODES.nullNode();
            case 18 -> NODES.arrayNode();
            case 19 -> NODES.objectNode();
            case 20 -> {
                JsonNode deep = NODES.textNode("deep");
                for (int d = 0; d < r.nextInt(5, 40); d++) {
                    deep = r.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("k", deep);
                }
                yield deep;
            }
            case 21 -> NODES.textNode(String.valueOf(r.nextLong(0, 100_000_000_000L)));
            case 22 -> NODES.textNode(r.nextBoolean() ? "SENSOR" : "MUNICIPAL");
            default -> NODES.textNode("9".repeat(r.nextInt(10, 80)));
        };
    }
}
