package cn.minhang.policy.service.handlers;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import cn.minhang.policy.engine.Clause;
import cn.minhang.policy.engine.CompiledRules;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.engine.PolicyPeriod;
import cn.minhang.policy.engine.RuleInfo;
import cn.minhang.policy.engine.TextReading;
import cn.minhang.policy.io.EngineVersion;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.Enterprise;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/rules}: the rules serving: their version, the engine's version, the validity period they apply,
 * their files, every clause they encode with the rules that encode it (file and line), and every default reading
 * of the text they apply.
 */
public final class RulesInfoHandler implements Handler {
    private final PolicyService service;
    /** The document of each version served, made once. */
    private final Map<String, ObjectNode> documents = new ConcurrentHashMap<>();

    public RulesInfoHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        CompiledRules rules = service.rules().engine().rules();
        if (documents.size() > 16) {
            documents.clear();
        }
        ObjectNode document = documents.computeIfAbsent(rules.version(), v -> document(rules));
        ctx.header(Http.RULES_VERSION_HEADER, rules.version());
        Http.json(ctx, 200, document);
    }

    static ObjectNode document(CompiledRules rules) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("rulesVersion", rules.version());
        root.put("engineVersion", EngineVersion.get());
        PolicyPeriod period = validity(rules);
        ObjectNode validity = root.putObject("validity");
        validity.put("from", period.from().toString());
        validity.put("to", period.to().toString());
        ArrayNode files = root.putArray("files");
        rules.source().files().keySet().forEach(files::add);
        Map<Clause, List<RuleInfo>> byClause = new LinkedHashMap<>();
        for (Clause clause : Clause.values()) {
            List<RuleInfo> encoding = rules.rules().stream().filter(r -> r.clause().equals(clause.id())).toList();
            if (!encoding.isEmpty()) {
                byClause.put(clause, encoding);
            }
        }
        ArrayNode clauses = root.putArray("clauses");
        byClause.forEach((clause, encoding) -> {
            ObjectNode node = clauses.addObject();
            node.put("clause", clause.id());
            node.put("labelZh", clause.labelZh());
            node.put("labelEn", clause.labelEn());
            node.put("titleZh", clause.titleZh());
            node.put("titleEn", clause.titleEn());
            ArrayNode list = node.putArray("rules");
            for (RuleInfo r : encoding) {
                ObjectNode rule = list.addObject();
                rule.put("name", r.name());
                rule.put("file", r.file());
                rule.put("line", r.line());
            }
        });
        ArrayNode readings = root.putArray("readings");
        for (TextReading r : rules.readings()) {
            ObjectNode node = readings.addObject();
            node.put("rule", r.rule());
            node.put("zh", r.zh());
            node.put("en", r.en());
        }
        return root;
    }

    /** The period the rules apply: what they decide for an application with nothing in it. */
    private static PolicyPeriod validity(CompiledRules rules) {
        Application probe = Application.builder("validity-probe", LocalDate.of(2026, 1, 1),
                new Enterprise("probe", "probe", true, true, List.of())).build();
        return PolicyEngine.of(rules).evaluate(probe).validity();
    }
}
