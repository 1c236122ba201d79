package cn.minhang.policy.service.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.model.Problem;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /health/live} and {@code GET /health/ready}: for a supervisor's probes. */
public final class HealthHandlers {
    private HealthHandlers() {
    }

    /** Live: the process answers. Always 200 {@code {"status": "live"}}. */
    public static Handler live() {
        return ctx -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("status", "live");
            Http.json(ctx, 200, body);
        };
    }

    /**
     * Ready: the rules compiled, passed every spec case and serve, and, where the service keeps decision records,
     * their database answers; 200 {@code {"status": "ready", "rulesVersion": …, "records": "available"}}.
     * Otherwise 503 with the error document: still compiling, every problem of the refused rules, or the records'
     * database out of reach (a recorded evaluation would be refused, so the service should take no traffic).
     */
    public static Handler ready(PolicyService service) {
        return (Context ctx) -> {
            if (service.ready()) {
                boolean recording = service.records().enabled();
                if (recording && !service.records().available()) {
                    throw ApiError.retryLater(503, ApiError.NOT_READY, "the database of the decision records "
                            + "cannot be reached: recorded evaluations are refused until it answers", 1);
                }
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("status", "ready");
                body.put("rulesVersion", service.rules().version());
                if (recording) {
                    body.put("records", "available");
                }
                Http.json(ctx, 200, body);
                return;
            }
            ReloadRejectedException refused = service.refusal().orElse(null);
            if (refused == null) {
                service.rules();  // throws the 503 that says why
                return;
            }
            List<Problem> problems = new ArrayList<>();
            problems.add(new Problem("$", "the rules of " + refused.origin() + " were refused; the service has no "
                    + "rules to serve"));
            refused.problems().forEach(p -> problems.add(new Problem("$", p.toString())));
            refused.failures().forEach(f -> problems.add(new Problem("$", f)));
            throw new ApiError(503, ApiError.NOT_READY, problems, Map.of());
        };
    }
}
