package cn.minhang.policy.io;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.ExcludedBy;
import cn.minhang.policy.engine.ForgoneAward;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyPeriod;
import cn.minhang.policy.engine.Reason;
import cn.minhang.policy.engine.TextReading;
import cn.minhang.policy.model.Application;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON contract of a decision (docs/json-contract.md): every line with its arithmetic and its explanation in
 * Chinese and English, the totals, the default readings applied, and an audit block that names the exact input,
 * rules and engine that made it.
 *
 * <p>Fields are written in a fixed order and every amount as a decimal string, so the same input on the same
 * rules gives the same bytes; only {@code audit.evaluatedAt} changes, and it is fixed by passing the time in.
 */
public final class DecisionJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder().nodeFactory(NODES).build();
    private static final ObjectWriter PRETTY = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DecisionJson() {
    }

    /**
     * The decision document.
     *
     * @param application the application as bound (its canonical form is hashed into the audit)
     * @param evaluatedAt the time written as {@code audit.evaluatedAt}, to the millisecond
     */
    public static ObjectNode toTree(Application application, Decision decision, Instant evaluatedAt) {
        ObjectNode root = NODES.objectNode();
        root.put("applicationId", decision.applicationId());
        root.put("enterpriseId", decision.enterpriseId());
        root.put("total", ApplicationJson.amount(decision.totalGranted()));
        ObjectNode byClause = root.putObject("totalsByClause");
        for (Map.Entry<String, BigDecimal> e : decision.totalsByClause().entrySet()) {
            byClause.put(e.getKey(), ApplicationJson.amount(e.getValue()));
        }
        ArrayNode lines = root.putArray("lines");
        decision.lines().forEach(l -> lines.add(line(l)));
        ArrayNode notApplicable = root.putArray("measuresNotApplicable");
        decision.measuresNotApplicable().forEach(notApplicable::add);
        ArrayNode forgone = root.putArray("forgone");
        decision.forgone().forEach(f -> forgone.add(forgone(f)));
        root.set("validity", period(decision.validity()));
        root.put("rulesVersion", decision.rulesVersion());
        root.set("readings", readings(decision.readings()));
        ObjectNode audit = root.putObject("audit");
        audit.put("inputSha256", ApplicationJson.sha256(application));
        audit.put("rulesVersion", decision.rulesVersion());
        audit.put("engineVersion", EngineVersion.get());
        audit.put("evaluatedAt", time(evaluatedAt));
        audit.set("validity", period(decision.validity()));
        return root;
    }

    /** An instant as the audit writes it: UTC, to the millisecond ({@code 2026-03-01T09:30:00.000Z}). */
    public static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Indented with two spaces and "\n", whatever the platform. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** On one line, as a line of a JSONL file. */
    public static String compact(JsonNode node) {
        return ApplicationJson.compact(node);
    }

    private static ObjectNode line(AwardLine l) {
        ObjectNode line = NODES.objectNode();
        line.put("clause", l.clause().id());
        line.put("subject", l.subject());
        line.put("kind", l.kind().name());
        line.put("status", l.status().name());
        line.put("amount", ApplicationJson.amount(l.amount()));
        line.put("base", ApplicationJson.amount(l.base()));
        line.put("rate", l.rate() == null ? null : l.rate().toPlainString());
        line.put("computed", ApplicationJson.amount(l.computed()));
        line.put("cap", ApplicationJson.amount(l.cap()));
        line.put("group", l.group());
        ArrayNode reasons = line.putArray("reasons");
        l.reasons().forEach(r -> reasons.add(text(r)));
        line.set("excludedBy", excludedBy(l.excludedBy()));
        ArrayNode rules = line.putArray("rules");
        l.rules().forEach(rules::add);
        line.set("readings", readings(l.readings()));
        ObjectNode explanation = line.putObject("explanation");
        explanation.put("zh", l.explanation(Language.ZH));
        explanation.put("en", l.explanation(Language.EN));
        return line;
    }

    private static JsonNode excludedBy(ExcludedBy by) {
        if (by == null) {
            return NODES.nullNode();
        }
        ObjectNode node = NODES.objectNode();
        node.put("clause", by.clause());
        node.put("otherAward", by.otherAwardId());
        node.put("policy", by.policy());
        node.put("level", by.level() == null ? null : by.level().name());
        node.put("amount", ApplicationJson.amount(by.amount()));
        if (by.addedAfterCap() != null) {
            node.put("addedAfterCap", ApplicationJson.amount(by.addedAfterCap()));
        }
        if (by.keptAddsAfterCap() != null) {
            node.put("keptAddsAfterCap", ApplicationJson.amount(by.keptAddsAfterCap()));
        }
        return node;
    }

    private static ObjectNode forgone(ForgoneAward f) {
        ObjectNode node = NODES.objectNode();
        node.put("otherAward", f.award().id());
        node.put("policy", f.award().policy());
        node.put("level", f.award().level().name());
        node.put("subject", f.award().subject());
        node.put("amount", ApplicationJson.amount(f.award().amount()));
        node.put("winningClause", f.winningClause());
        node.put("winningAmount", ApplicationJson.amount(f.winningAmount()));
        if (f.winningAddsAfterCap() != null) {
            node.put("winningAddsAfterCap", ApplicationJson.amount(f.winningAddsAfterCap()));
        }
        node.set("explanation", text(f.explanation()));
        return node;
    }

    private static ObjectNode period(PolicyPeriod period) {
        ObjectNode node = NODES.objectNode();
        node.put("from", period.from().toString());
        node.put("to", period.to().toString());
        return node;
    }

    private static ArrayNode readings(List<TextReading> readings) {
        ArrayNode array = NODES.arrayNode();
        for (TextReading r : readings) {
            ObjectNode node = array.addObject();
            node.put("rule", r.rule());
            node.put("zh", r.zh());
            node.put("en", r.en());
        }
        return array;
    }

    private static ObjectNode text(Reason reason) {
        ObjectNode node = NODES.objectNode();
        node.put("zh", reason.zh());
        node.put("en", reason.en());
        return node;
    }
}
