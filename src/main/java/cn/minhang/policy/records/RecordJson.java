package cn.minhang.policy.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.DecisionJson;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * The JSON documents of records (docs/records.md): a record with its application and decision, a record's
 * summary, a page of a list, a replay, and the rules archive. A record's decision and application are written
 * exactly as stored, byte for byte.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private RecordJson() {
    }

    /** A record: its summary, then {@code application} (canonical input) and {@code decision} as stored. */
    public static ObjectNode record(DecisionRecord record) {
        ObjectNode node = summary(record.summary());
        node.putRawValue("application", new RawValue(record.inputJson()));
        node.putRawValue("decision", new RawValue(record.decisionJson()));
        return node;
    }

    public static ObjectNode summary(RecordSummary s) {
        ObjectNode node = NODES.objectNode();
        node.put("id", s.id());
        node.put("idempotencyKey", s.idempotencyKey());
        node.put("receivedAt", DecisionJson.time(s.receivedAt()));
        node.put("applicationId", s.applicationId());
        node.put("enterpriseId", s.enterpriseId());
        node.put("inputSha256", s.inputSha256());
        node.put("rulesVersion", s.rulesVersion());
        node.put("engineVersion", s.engineVersion());
        node.put("total", ApplicationJson.amount(s.total()));
        ArrayNode clauses = node.putArray("clauses");
        for (DecisionRecord.ClauseStatus c : s.clauses()) {
            clauses.addObject().put("clause", c.clause()).put("status", c.status());
        }
        return node;
    }

    /** {@code records} (summaries) and {@code next}, the cursor of the next page or null. */
    public static ObjectNode page(RecordPage page) {
        ObjectNode node = NODES.objectNode();
        ArrayNode records = node.putArray("records");
        page.records().forEach(r -> records.add(summary(r)));
        node.put("next", page.next() == null ? null : String.valueOf(page.next()));
        return node;
    }

    public static ObjectNode replay(Replay replay) {
        ObjectNode node = NODES.objectNode();
        node.put("recordId", replay.recordId());
        node.put("basis", replay.basis().name());
        node.put("recordedRulesVersion", replay.recordedRulesVersion());
        node.put("rulesVersion", replay.rulesVersion());
        node.put("recordedEngineVersion", replay.recordedEngineVersion());
        node.put("engineVersion", replay.engineVersion());
        node.put("identical", replay.identical());
        ArrayNode differences = node.putArray("differences");
        for (JsonDifference d : replay.differences()) {
            ObjectNode diff = differences.addObject();
            diff.put("path", d.path());
            if (!d.recorded().isMissingNode()) {
                diff.set("recorded", d.recorded());
            }
            if (!d.replayed().isMissingNode()) {
                diff.set("replayed", d.replayed());
            }
        }
        node.putRawValue("decision", new RawValue(replay.decisionJson()));
        return node;
    }

    /** An archived version with the name and text of every file. */
    public static ObjectNode archive(RecordStore.ArchivedVersion version, cn.minhang.policy.engine.RuleSource rules) {
        ObjectNode node = NODES.objectNode();
        node.put("version", version.version());
        node.put("archivedAt", DecisionJson.time(version.archivedAt()));
        node.put("engineVersion", version.engineVersion());
        ArrayNode files = node.putArray("files");
        rules.files().forEach((name, text) -> files.addObject().put("name", name).put("text", text));
        return node;
    }

    /** Every archived version, without the files' texts. */
    public static ObjectNode versions(List<RecordStore.ArchivedVersion> versions) {
        ObjectNode node = NODES.objectNode();
        ArrayNode array = node.putArray("versions");
        for (RecordStore.ArchivedVersion v : versions) {
            array.addObject().put("version", v.version()).put("archivedAt", DecisionJson.time(v.archivedAt()))
                    .put("engineVersion", v.engineVersion()).put("files", v.files());
        }
        return node;
    }

    /** Parses a stored document (of any size) with exact decimals. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored document is not JSON", e);
        }
    }
}
