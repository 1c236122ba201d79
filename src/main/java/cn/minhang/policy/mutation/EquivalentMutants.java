package cn.minhang.policy.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The surviving mutants that change no possible decision, each with the reason, as listed in
 * {@code mutation/equivalent-mutants.yaml}. A mutant is named by its file, its rule and the change exactly as
 * the mutation report prints it, so that the entry survives edits that only move lines.
 *
 * <pre>
 * equivalent:
 *   - file: m15-closing-paragraph.drl
 *     rule: "Closing: …"
 *     change: "amount > $amount → amount >= $amount"
 *     reason: "…"
 * </pre>
 */
public final class EquivalentMutants {

    /** One listed mutant. */
    public record Entry(String file, String rule, String change, String reason) {
        public String key() {
            return Mutant.key(file, rule, change);
        }
    }

    private final Map<String, Entry> byKey;

    private EquivalentMutants(Map<String, Entry> byKey) {
        this.byKey = byKey;
    }

    public static EquivalentMutants none() {
        return new EquivalentMutants(Map.of());
    }

    /** Reads the list; a missing file is an empty list. */
    public static EquivalentMutants read(Path file) {
        if (file == null || !Files.exists(file)) {
            return none();
        }
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Parses the YAML text of the list; {@code origin} names it in messages. */
    public static EquivalentMutants parse(String origin, String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Entry> byKey = new LinkedHashMap<>();
        JsonNode list = root == null ? null : root.get("equivalent");
        if (list == null || list.isNull()) {
            return new EquivalentMutants(byKey);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(origin + ": 'equivalent' must be a list");
        }
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode e : list) {
            String where = origin + ": equivalent[" + i++ + "]";
            Entry entry = new Entry(e.path("file").asText(""), e.path("rule").asText(""), e.path("change").asText(""),
                    e.path("reason").asText("").strip());
            if (entry.file().isBlank() || entry.rule().isBlank() || entry.change().isBlank()) {
                problems.add(where + " needs file, rule and change, exactly as the mutation report prints them");
            } else if (entry.reason().isBlank()) {
                problems.add(where + " (" + entry.change() + ") gives no reason");
            } else if (byKey.put(entry.key(), entry) != null) {
                problems.add(where + " lists " + entry.key() + " twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new EquivalentMutants(byKey);
    }

    /** The entry for a mutant, or null. */
    public Entry find(Mutant mutant) {
        return byKey.get(mutant.key());
    }

    public List<Entry> entries() {
        return List.copyOf(byKey.values());
    }
}
