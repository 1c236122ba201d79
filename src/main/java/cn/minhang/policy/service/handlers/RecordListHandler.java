package cn.minhang.policy.service.handlers;

import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/records?enterprise=&application=&clause=&status=&rules=&from=&to=&limit=&after=} (role
 * READ_RECORDS): a page of record summaries in the order stored, and the cursor of the next page.
 */
public final class RecordListHandler implements Handler {
    private final PolicyService service;

    public RecordListHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        Http.json(ctx, 200, RecordJson.page(service.records().store().list(RecordQueries.query(ctx))));
    }
}
