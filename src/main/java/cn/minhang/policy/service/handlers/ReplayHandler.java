package cn.minhang.policy.service.handlers;

import cn.minhang.policy.records.DecisionRecord;
import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.records.Replay;
import cn.minhang.policy.records.Replayer;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.EvaluationPool;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/records/{id}/replay?rules=archived|current} (role READ_RECORDS): the record's application
 * evaluated again, on the archived rules of its version (the default: reproduces the decision) or on the rules
 * serving now, compared byte for byte with the recorded decision; every difference with its path.
 */
public final class ReplayHandler implements Handler {
    private final PolicyService service;

    public ReplayHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        String rules = RecordQueries.text(ctx, "rules");
        boolean current;
        if (rules == null || rules.equalsIgnoreCase("archived")) {
            current = false;
        } else if (rules.equalsIgnoreCase("current")) {
            current = true;
        } else {
            throw ApiError.invalidRequest("$", "the query parameter rules must be archived or current, was '"
                    + RecordQueries.clip(rules) + "'");
        }
        service.rules();  // 503 while no rules serve
        DecisionRecord record = RecordHandler.find(service, ctx.pathParam("id"));
        Replayer replayer = service.records().replayer();
        Replay replay;
        try (EvaluationPool.Permit permit = service.evaluations().acquire()) {
            replay = current ? replayer.onCurrentRules(record) : replayer.onArchivedRules(record);
        }
        ctx.header(Http.RULES_VERSION_HEADER, replay.rulesVersion());
        Http.json(ctx, 200, RecordJson.replay(replay));
    }
}
