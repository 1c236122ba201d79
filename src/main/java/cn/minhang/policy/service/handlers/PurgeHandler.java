package cn.minhang.policy.service.handlers;

import java.time.Instant;

import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code DELETE /v1/records?from=&to=} (role ADMIN): deletes every record received in {@code [from, to)}, both
 * required, in one transaction, and answers how many. The rules archive is kept.
 */
public final class PurgeHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeHandler.class);
    private final PolicyService service;

    public PurgeHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        Http.Parameters parameters = new Http.Parameters();
        Instant from = parameters.read(() -> RecordQueries.requiredInstant(ctx, "from"), null);
        Instant to = parameters.read(() -> RecordQueries.requiredInstant(ctx, "to"), null);
        parameters.check();
        if (!from.isBefore(to)) {
            throw cn.minhang.policy.service.ApiError.invalidRequest("$", "the range is empty: from " + from
                    + " is not before to " + to);
        }
        int purged = service.records().store().purge(from, to);
        LOG.info("purged {} decision records received from {} to {}", purged, from, to);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("purged", purged);
        answer.put("from", DecisionJson.time(from));
        answer.put("to", DecisionJson.time(to));
        Http.json(ctx, 200, answer);
    }
}
