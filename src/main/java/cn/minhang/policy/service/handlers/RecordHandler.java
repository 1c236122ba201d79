package cn.minhang.policy.service.handlers;

import cn.minhang.policy.records.DecisionRecord;
import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /v1/records/{id}} (role READ_RECORDS): one record with its application and decision. */
public final class RecordHandler implements Handler {
    private final PolicyService service;

    public RecordHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        Http.json(ctx, 200, RecordJson.record(find(service, ctx.pathParam("id"))));
    }

    /** @throws ApiError 404 if there is no record {@code id} */
    static DecisionRecord find(PolicyService service, String id) {
        return service.records().store().find(id).orElseThrow(() -> new ApiError(404, ApiError.NOT_FOUND,
                "there is no record '" + RecordQueries.clip(id) + "'"));
    }
}
