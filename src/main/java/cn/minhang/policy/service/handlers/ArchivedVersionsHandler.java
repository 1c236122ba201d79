package cn.minhang.policy.service.handlers;

import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /v1/rules/archive} (role READ_RECORDS): every archived rules version, the first archived first. */
public final class ArchivedVersionsHandler implements Handler {
    private final PolicyService service;

    public ArchivedVersionsHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        Http.json(ctx, 200, RecordJson.versions(service.records().store().archivedVersions()));
    }
}
