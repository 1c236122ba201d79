package cn.minhang.policy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
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
        return new String(compactLineBytes(line, application, decision, evaluatedAt, explanations),
                StandardCharsets.UTF_8);
    }

    /**
     * The text of {@link #compactLine(Long, Application, Decision, Instant, boolean)} as UTF-8 bytes, written by
     * Jackson's UTF-8 generator into a buffer of the calling thread: what a batch writes out, with no text to
     * encode afterwards.
     */
    public static byte[] compactLineBytes(Long line, Application application, Decision decision,
            Instant evaluatedAt, boolean explanations) {
        return KeptGenerator.write(LINE_WRITER, g -> write(g, line, application, decision, evaluatedAt, explanations))
                .out().take();
    }

    /** Each thread's generator of decision lines, and the buffer it writes into. */
    private static final ThreadLocal<KeptGenerator<LineBuffer>> LINE_WRITER =
            KeptGenerator.perThread(MAPPER.getFactory(), LineBuffer::new);

    /**
     * A growing byte buffer, emptied by {@link #take()}; one that grew past {@link #KEPT} bytes (a decision of a
     * very large application) is let go rather than kept for the thread's life.
     */
    private static final class LineBuffer extends OutputStream {
        private static final int KEPT = 1 << 16;
        private byte[] bytes = new byte[8192];
        private int count;

        @Override
        public void write(int b) {
            room(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void room(int n) {
            if (count + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(count + n, 2 * bytes.length));
            }
        }

        byte[] take() {
            byte[] taken = Arrays.copyOf(bytes, count);
            count = 0;
            if (bytes.length > KEPT) {
                bytes = new byte[8192];
            }
            return taken;
        }
    }

    private static final SerializedString LINE = new SerializedString("line");
    private static final SerializedString APPLICATION_ID = new SerializedString("applicationId");
    private static final SerializedString ENTERPRISE_ID = new SerializedString("enterpriseId");
    private static final SerializedString TOTAL = new SerializedString("total");
    private static final SerializedString TOTALS_BY_CLAUSE = new SerializedString("totalsByClause");
    private static final SerializedString LINES = new SerializedString("lines");
    private static final SerializedString MEASURES_NOT_APPLICABLE = new SerializedString("measuresNotApplicable");
    private static final SerializedString FORGONE = new SerializedString("forgone");
    private static final SerializedString VALIDITY = new SerializedString("validity");
    private static final SerializedString RULES_VERSION = new SerializedString("rulesVersion");
    private static final SerializedString READINGS = new SerializedString("readings");
    private static final SerializedString AUDIT = new SerializedString("audit");
    private static final SerializedString INPUT_SHA256 = new SerializedString("inputSha256");
    private static final SerializedString ENGINE_VERSION = new SerializedString("engineVersion");
    private static final SerializedString EVALUATED_AT = new SerializedString("evaluatedAt");
    private static final SerializedString CLAUSE = new SerializedString("clause");
    private static final SerializedString SUBJECT = new SerializedString("subject");
    private static final SerializedString KIND = new SerializedString("kind");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString AMOUNT = new SerializedString("amount");
    private static final SerializedString BASE = new SerializedString("base");
    private static final SerializedString RATE = new SerializedString("rate");
    private static final SerializedString COMPUTED = new SerializedString("computed");
    private static final SerializedString CAP = new SerializedString("cap");
    private static final SerializedString GROUP = new SerializedString("group");
    private static final SerializedString REASONS = new SerializedString("reasons");
    private static final SerializedString EXCLUDED_BY = new SerializedString("excludedBy");
    private static final SerializedString RULES = new SerializedString("rules");
    private static final SerializedString EXPLANATION = new SerializedString("explanation");
    private static final SerializedString ZH = new SerializedString("zh");
    private static final SerializedString EN = new SerializedString("en");
    private static final SerializedString OTHER_AWARD = new SerializedString("otherAward");
    private static final SerializedString POLICY = new SerializedString("policy");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString ADDED_AFTER_CAP = new SerializedString("addedAfterCap");
    private static final SerializedString KEPT_ADDS_AFTER_CAP = new SerializedString("keptAddsAfterCap");
    private static final SerializedString WINNING_CLAUSE = new SerializedString("winningClause");
    private static final SerializedString WINNING_AMOUNT = new SerializedString("winningAmount");
    private static final SerializedString WINNING_ADDS_AFTER_CAP = new SerializedString("winningAddsAfterCap");
    private static final SerializedString FROM = new SerializedString("from");
    private static final SerializedString TO = new SerializedString("to");
    private static final SerializedString RULE = new SerializedString("rule");

    /** The serialised texts of the rules that every decision repeats. */
    private static final ConstantTexts CONSTANTS = new ConstantTexts();

    /** Every field of the document, in the contract's order; the one place its structure is written. */
    private static void write(JsonGenerator g, Long number, Application application, Decision decision,
            Instant evaluatedAt, boolean explanations) throws IOException {
        g.writeStartObject();
        if (number != null) {
            g.writeFieldName(LINE);
            g.writeNumber(number);
        }
        field(g, APPLICATION_ID, decision.applicationId());
        field(g, ENTERPRISE_ID, decision.enterpriseId());
        field(g, TOTAL, ApplicationJson.amount(decision.totalGranted()));
        g.writeFieldName(TOTALS_BY_CLAUSE);
        g.writeStartObject();
        for (Map.Entry<String, BigDecimal> e : decision.totalsByClause().entrySet()) {
            SerializableString clause = CONSTANTS.get(e.getKey());
            if (clause == null) {
                g.writeFieldName(e.getKey());
            } else {
                g.writeFieldName(clause);
            }
            g.writeString(ApplicationJson.amount(e.getValue()));
        }
        g.writeEndObject();
        g.writeFieldName(LINES);
        g.writeStartArray();
        for (AwardLine l : decision.lines()) {
            line(g, l, explanations);
        }
        g.writeEndArray();
        g.writeFieldName(MEASURES_NOT_APPLICABLE);
        g.writeStartArray();
        for (Integer m : decision.measuresNotApplicable()) {
            g.writeNumber(m);
        }
        g.writeEndArray();
        g.writeFieldName(FORGONE);
        g.writeStartArray();
        for (ForgoneAward f : decision.forgone()) {
            forgone(g, f);
        }
        g.writeEndArray();
        g.writeFieldName(VALIDITY);
        period(g, decision.validity());
        constantField(g, RULES_VERSION, decision.rulesVersion());
        g.writeFieldName(READINGS);
        readings(g, decision.readings());
        g.writeFieldName(AUDIT);
        g.writeStartObject();
        field(g, INPUT_SHA256, ApplicationJson.sha256(application));
        constantField(g, RULES_VERSION, decision.rulesVersion());
        constantField(g, ENGINE_VERSION, EngineVersion.get());
        field(g, EVALUATED_AT, time(evaluatedAt));
        g.writeFieldName(VALIDITY);
        period(g, decision.validity());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A field with a text of this decision (an id, an amount): written as text. */
    private static void field(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** A field whose text is likely a constant of the rules: its serialised form copied when it is one. */
    private static void constantField(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        constant(g, value);
    }

    private static void constant(JsonGenerator g, String value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        SerializableString json = CONSTANTS.get(value);
        if (json == null) {
            g.writeString(value);
        } else {
            g.writeString(json);
        }
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
        constantField(g, CLAUSE, l.clause().id());
        field(g, SUBJECT, l.subject());
        constantField(g, KIND, l.kind().name());
        constantField(g, STATUS, l.status().name());
        field(g, AMOUNT, ApplicationJson.amount(l.amount()));
        field(g, BASE, ApplicationJson.amount(l.base()));
        field(g, RATE, l.rate() == null ? null : l.rate().toPlainString());
        field(g, COMPUTED, ApplicationJson.amount(l.computed()));
        field(g, CAP, ApplicationJson.amount(l.cap()));
        constantField(g, GROUP, l.group());
        g.writeFieldName(REASONS);
        g.writeStartArray();
        for (Reason r : l.reasons()) {
            reason(g, r, true);
        }
        g.writeEndArray();
        g.writeFieldName(EXCLUDED_BY);
        excludedBy(g, l.excludedBy());
        g.writeFieldName(RULES);
        g.writeStartArray();
        for (String rule : l.rules()) {
            constant(g, rule);
        }
        g.writeEndArray();
        g.writeFieldName(READINGS);
        readings(g, l.readings());
        if (explanations) {
            g.writeFieldName(EXPLANATION);
            g.writeStartObject();
            field(g, ZH, l.explanation(Language.ZH));
            field(g, EN, l.explanation(Language.EN));
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
        constantField(g, CLAUSE, by.clause());
        field(g, OTHER_AWARD, by.otherAwardId());
        field(g, POLICY, by.policy());
        constantField(g, LEVEL, by.level() == null ? null : by.level().name());
        field(g, AMOUNT, ApplicationJson.amount(by.amount()));
        if (by.addedAfterCap() != null) {
            field(g, ADDED_AFTER_CAP, ApplicationJson.amount(by.addedAfterCap()));
        }
        if (by.keptAddsAfterCap() != null) {
            field(g, KEPT_ADDS_AFTER_CAP, ApplicationJson.amount(by.keptAddsAfterCap()));
        }
        g.writeEndObject();
    }

    private static void forgone(JsonGenerator g, ForgoneAward f) throws IOException {
        g.writeStartObject();
        field(g, OTHER_AWARD, f.award().id());
        field(g, POLICY, f.award().policy());
        constantField(g, LEVEL, f.award().level().name());
        field(g, SUBJECT, f.award().subject());
        field(g, AMOUNT, ApplicationJson.amount(f.award().amount()));
        constantField(g, WINNING_CLAUSE, f.winningClause());
        field(g, WINNING_AMOUNT, ApplicationJson.amount(f.winningAmount()));
        if (f.winningAddsAfterCap() != null) {
            field(g, WINNING_ADDS_AFTER_CAP, ApplicationJson.amount(f.winningAddsAfterCap()));
        }
        g.writeFieldName(EXPLANATION);
        reason(g, f.explanation(), false);
        g.writeEndObject();
    }

    private static void period(JsonGenerator g, PolicyPeriod period) throws IOException {
        g.writeStartObject();
        field(g, FROM, period.from().toString());
        field(g, TO, period.to().toString());
        g.writeEndObject();
    }

    private static void readings(JsonGenerator g, List<TextReading> readings) throws IOException {
        g.writeStartArray();
        for (TextReading r : readings) {
            g.writeStartObject();
            constantField(g, RULE, r.rule());
            constantField(g, ZH, r.zh());
            constantField(g, EN, r.en());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A text in both languages; {@code constant} when it is likely written in the rules rather than built. */
    private static void reason(JsonGenerator g, Reason reason, boolean constant) throws IOException {
        g.writeStartObject();
        if (constant) {
            constantField(g, ZH, reason.zh());
            constantField(g, EN, reason.en());
        } else {
            field(g, ZH, reason.zh());
            field(g, EN, reason.en());
        }
        g.writeEndObject();
    }
}
