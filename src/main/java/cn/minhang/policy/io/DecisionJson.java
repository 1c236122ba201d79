package cn.minhang.policy.io;

import java.io.IOException;
import java.io.StringWriter;
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
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;

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
        try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
            write(tokens, null, application, decision, evaluatedAt, true);
            return (ObjectNode) MAPPER.readTree(tokens.asParser(MAPPER));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The decision document on one line, as a line of a JSONL file, written straight from the decision without
     * building a tree first: the same text as {@code compact(toTree(...))}, preceded by {@code "line": N} when
     * {@code line} is given.
     */
    public static String compactLine(Long line, Application application, Decision decision, Instant evaluatedAt) {
        return compactLine(line, application, decision, evaluatedAt, true);
    }

    /**
     * The same, with {@code explanations} false leaving out each line's {@code explanation} (the sentence in both
     * languages): a lighter document for bulk runs. Every figure the sentence is made of stays in the line.
     */
    public static String compactLine(Long line, Application application, Decision decision, Instant evaluatedAt,
            boolean explanations) {
        StringWriter text = new StringWriter(explanations ? 8192 : 4096);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(text)) {
            write(g, line, application, decision, evaluatedAt, explanations);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    /** Every field of the document, in the contract's order; the one place its structure is written. */
    private static void write(JsonGenerator g, Long number, Application application, Decision decision,
            Instant evaluatedAt, boolean explanations) throws IOException {
        g.writeStartObject();
        if (number != null) {
            g.writeNumberField("line", number);
        }
        g.writeStringField("applicationId", decision.applicationId());
        g.writeStringField("enterpriseId", decision.enterpriseId());
        g.writeStringField("total", ApplicationJson.amount(decision.totalGranted()));
        g.writeObjectFieldStart("totalsByClause");
        for (Map.Entry<String, BigDecimal> e : decision.totalsByClause().entrySet()) {
            g.writeStringField(e.getKey(), ApplicationJson.amount(e.getValue()));
        }
        g.writeEndObject();
        g.writeArrayFieldStart("lines");
        for (AwardLine l : decision.lines()) {
            line(g, l, explanations);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("measuresNotApplicable");
        for (Integer m : decision.measuresNotApplicable()) {
            g.writeNumber(m);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("forgone");
        for (ForgoneAward f : decision.forgone()) {
            forgone(g, f);
        }
        g.writeEndArray();
        g.writeFieldName("validity");
        period(g, decision.validity());
        g.writeStringField("rulesVersion", decision.rulesVersion());
        g.writeFieldName("readings");
        readings(g, decision.readings());
        g.writeObjectFieldStart("audit");
        g.writeStringField("inputSha256", ApplicationJson.sha256(application));
        g.writeStringField("rulesVersion", decision.rulesVersion());
        g.writeStringField("engineVersion", EngineVersion.get());
        g.writeStringField("evaluatedAt", time(evaluatedAt));
        g.writeFieldName("validity");
        period(g, decision.validity());
        g.writeEndObject();
        g.writeEndObject();
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

    private static void line(JsonGenerator g, AwardLine l, boolean explanations) throws IOException {
        g.writeStartObject();
        g.writeStringField("clause", l.clause().id());
        g.writeStringField("subject", l.subject());
        g.writeStringField("kind", l.kind().name());
        g.writeStringField("status", l.status().name());
        g.writeStringField("amount", ApplicationJson.amount(l.amount()));
        g.writeStringField("base", ApplicationJson.amount(l.base()));
        g.writeStringField("rate", l.rate() == null ? null : l.rate().toPlainString());
        g.writeStringField("computed", ApplicationJson.amount(l.computed()));
        g.writeStringField("cap", ApplicationJson.amount(l.cap()));
        g.writeStringField("group", l.group());
        g.writeArrayFieldStart("reasons");
        for (Reason r : l.reasons()) {
            text(g, r);
        }
        g.writeEndArray();
        g.writeFieldName("excludedBy");
        excludedBy(g, l.excludedBy());
        g.writeArrayFieldStart("rules");
        for (String rule : l.rules()) {
            g.writeString(rule);
        }
        g.writeEndArray();
        g.writeFieldName("readings");
        readings(g, l.readings());
        if (explanations) {
            g.writeObjectFieldStart("explanation");
            g.writeStringField("zh", l.explanation(Language.ZH));
            g.writeStringField("en", l.explanation(Language.EN));
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void excludedBy(JsonGenerator g, ExcludedBy by) throws IOException {
        if (by == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("clause", by.clause());
        g.writeStringField("otherAward", by.otherAwardId());
        g.writeStringField("policy", by.policy());
        g.writeStringField("level", by.level() == null ? null : by.level().name());
        g.writeStringField("amount", ApplicationJson.amount(by.amount()));
        if (by.addedAfterCap() != null) {
            g.writeStringField("addedAfterCap", ApplicationJson.amount(by.addedAfterCap()));
        }
        if (by.keptAddsAfterCap() != null) {
            g.writeStringField("keptAddsAfterCap", ApplicationJson.amount(by.keptAddsAfterCap()));
        }
        g.writeEndObject();
    }

    private static void forgone(JsonGenerator g, ForgoneAward f) throws IOException {
        g.writeStartObject();
        g.writeStringField("otherAward", f.award().id());
        g.writeStringField("policy", f.award().policy());
        g.writeStringField("level", f.award().level().name());
        g.writeStringField("subject", f.award().subject());
        g.writeStringField("amount", ApplicationJson.amount(f.award().amount()));
        g.writeStringField("winningClause", f.winningClause());
        g.writeStringField("winningAmount", ApplicationJson.amount(f.winningAmount()));
        if (f.winningAddsAfterCap() != null) {
            g.writeStringField("winningAddsAfterCap", ApplicationJson.amount(f.winningAddsAfterCap()));
        }
        g.writeFieldName("explanation");
        text(g, f.explanation());
        g.writeEndObject();
    }

    private static void period(JsonGenerator g, PolicyPeriod period) throws IOException {
        g.writeStartObject();
        g.writeStringField("from", period.from().toString());
        g.writeStringField("to", period.to().toString());
        g.writeEndObject();
    }

    private static void readings(JsonGenerator g, List<TextReading> readings) throws IOException {
        g.writeStartArray();
        for (TextReading r : readings) {
            g.writeStartObject();
            g.writeStringField("rule", r.rule());
            g.writeStringField("zh", r.zh());
            g.writeStringField("en", r.en());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void text(JsonGenerator g, Reason reason) throws IOException {
        g.writeStartObject();
        g.writeStringField("zh", reason.zh());
        g.writeStringField("en", reason.en());
        g.writeEndObject();
    }
}
