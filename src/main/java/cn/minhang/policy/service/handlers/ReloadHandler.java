package cn.minhang.policy.service.handlers;

import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.engine.RuleProblem;
import cn.minhang.policy.reload.ReloadOutcome;
import cn.minhang.policy.reload.RulesManager;
import cn.minhang.policy.service.EvaluationPool;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/admin/reload} (role ADMIN): reads the rules directory again through {@link RulesManager}'s gate
 * (compile, then every spec case) and answers what it did:
 * <ul>
 *   <li>200 {@code {"outcome": "swapped", "rulesVersion": new, "previousVersion": old}};</li>
 *   <li>200 {@code {"outcome": "unchanged", "rulesVersion": v}} when the files hash to the version serving;</li>
 *   <li>422 {@code {"outcome": "refused", "rulesVersion": serving, "refusedVersion": v, "problems": [{"file",
 *       "line", "message"}], "failingCases": ["…"]}}: every compile problem and every failing spec case; the rules
 *       serving keep serving.</li>
 * </ul>
 * Evaluations running meanwhile finish on the rules they started with.
 */
public final class ReloadHandler implements Handler {
    private final PolicyService service;

    public ReloadHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        RulesManager rules = service.rules();
        try (EvaluationPool.Permit permit = service.evaluations().acquire()) {
            String before = rules.version();
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            try {
                ReloadOutcome outcome = rules.reload();
                if (outcome.result() == ReloadOutcome.Result.SWAPPED) {
                    body.put("outcome", "swapped");
                    body.put("rulesVersion", outcome.serving());
                    body.put("previousVersion", before);
                } else {
                    body.put("outcome", "unchanged");
                    body.put("rulesVersion", outcome.serving());
                }
                ctx.header(Http.RULES_VERSION_HEADER, outcome.serving());
                Http.json(ctx, 200, body);
            } catch (ReloadRejectedException e) {
                body.put("outcome", "refused");
                body.put("rulesVersion", rules.version());
                body.put("refusedVersion", e.rejectedVersion());
                ArrayNode problems = body.putArray("problems");
                for (RuleProblem p : e.problems()) {
                    ObjectNode problem = problems.addObject();
                    problem.put("file", p.file());
                    problem.put("line", p.line());
                    problem.put("message", p.message());
                }
                ArrayNode failing = body.putArray("failingCases");
                e.failures().forEach(failing::add);
                ctx.header(Http.RULES_VERSION_HEADER, rules.version());
                Http.json(ctx, 422, body);
            }
        }
    }
}
