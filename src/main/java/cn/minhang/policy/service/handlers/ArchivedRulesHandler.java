package cn.minhang.policy.service.handlers;

import cn.minhang.policy.engine.RuleSource;
import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.records.RecordStore;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code GET /v1/rules/archive/{version}} (role READ_RECORDS): the name and text of every rule file of an
 * archived rules version, exactly as it served.
 */
public final class ArchivedRulesHandler implements Handler {
    private final PolicyService service;

    public ArchivedRulesHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        String version = ctx.pathParam("version");
        RecordStore store = service.records().store();
        ApiError none = new ApiError(404, ApiError.NOT_FOUND, "the rules '" + RecordQueries.clip(version)
                + "' are not in the archive");
        RecordStore.ArchivedVersion entry = store.archivedVersion(version).orElseThrow(() -> none);
        RuleSource rules = store.archivedRules(version).orElseThrow(() -> none);
        Http.json(ctx, 200, RecordJson.archive(entry, rules));
    }
}
