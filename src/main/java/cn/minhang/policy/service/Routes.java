package cn.minhang.policy.service;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import cn.minhang.policy.model.Problem;
import cn.minhang.policy.records.StoreUnavailableException;
import cn.minhang.policy.service.handlers.ArchivedRulesHandler;
import cn.minhang.policy.service.handlers.ArchivedVersionsHandler;
import cn.minhang.policy.service.handlers.BatchHandler;
import cn.minhang.policy.service.handlers.EvaluateHandler;
import cn.minhang.policy.service.handlers.PurgeHandler;
import cn.minhang.policy.service.handlers.RecordExportHandler;
import cn.minhang.policy.service.handlers.RecordHandler;
import cn.minhang.policy.service.handlers.RecordListHandler;
import cn.minhang.policy.service.handlers.RecordedEvaluationHandler;
import cn.minhang.policy.service.handlers.ReplayHandler;
import cn.minhang.policy.service.handlers.HealthHandlers;
import cn.minhang.policy.service.handlers.MetricsHandler;
import cn.minhang.policy.service.handlers.OpenApiHandler;
import cn.minhang.policy.service.handlers.PageAssets;
import cn.minhang.policy.service.handlers.ReloadHandler;
import cn.minhang.policy.service.handlers.RulesInfoHandler;
import cn.minhang.policy.service.handlers.SchemaHandler;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.security.RouteRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every route of the service, registered in one place, and what applies to all of them: bearer tokens for the
 * routes that name a {@link Role}, the error document for every failure, and the access log.
 *
 * <p>Each route's handler is a small class of its own in {@code cn.minhang.policy.service.handlers}. The API is
 * versioned under {@value #API}; the probes and metrics are not part of it.
 */
public final class Routes {
    /** The prefix of the versioned API. */
    public static final String API = "/v1";
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private Routes() {
    }

    static void register(JavalinConfig cfg, PolicyService service) {
        RoutesConfig routes = cfg.routes;

        routes.post(API + "/evaluate", new EvaluateHandler(service));
        routes.post(API + "/batch", new BatchHandler(service));
        routes.get(API + "/rules", new RulesInfoHandler(service));
        routes.get(API + "/schemas/application", SchemaHandler.application());
        routes.get(API + "/schemas/decision", SchemaHandler.decision(service));
        routes.post(API + "/admin/reload", new ReloadHandler(service), Role.ADMIN);
        routes.get(API + "/openapi.json", new OpenApiHandler());

        // Decision records (docs/records.md). The export is registered before {id}, which would take its name.
        routes.post(API + "/records", new RecordedEvaluationHandler(service), Role.SUBMIT);
        routes.get(API + "/records", new RecordListHandler(service), Role.READ_RECORDS);
        routes.get(API + "/records/export", new RecordExportHandler(service), Role.READ_RECORDS);
        routes.get(API + "/records/{id}", new RecordHandler(service), Role.READ_RECORDS);
        routes.get(API + "/records/{id}/replay", new ReplayHandler(service), Role.READ_RECORDS);
        routes.delete(API + "/records", new PurgeHandler(service), Role.ADMIN);
        routes.get(API + "/rules/archive", new ArchivedVersionsHandler(service), Role.READ_RECORDS);
        routes.get(API + "/rules/archive/{version}", new ArchivedRulesHandler(service), Role.READ_RECORDS);

        routes.get("/health/live", HealthHandlers.live());
        routes.get("/health/ready", HealthHandlers.ready(service));
        routes.get("/metrics", new MetricsHandler(service.metrics()));

        // The calculator page at the root: its assets from the jar, no token.
        cfg.staticFiles.add(PageAssets::configure);

        routes.beforeMatched(ctx -> authorize(ctx, service));
        routes.exception(ApiError.class, (e, ctx) -> write(ctx, e, service));
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            LOG.warn("{}", e.getMessage());
            write(ctx, ApiError.retryLater(503, ApiError.RECORDS_UNAVAILABLE, "the records database is unavailable; "
                    + "nothing was stored. Retry later, with the same Idempotency-Key", service.evaluations()
                    .retryAfterSeconds()), service);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e), service));
        routes.exception(Exception.class, (e, ctx) -> {
            String incident = UUID.randomUUID().toString();
            LOG.error("incident {}: {} {} failed", incident, ctx.method(), ctx.path(), e);
            write(ctx, new ApiError(500, ApiError.INTERNAL, "the service failed on this request; the operator can "
                    + "find incident " + incident + " in its log"), service);
        });
        AccessLog log = new AccessLog();
        cfg.requestLogger.http((ctx, millis) -> {
            log.log(ctx, millis);
            service.metrics().request(ctx.method().name(), AccessLog.template(ctx), ctx.statusCode(), millis);
        });
    }

    private static void authorize(Context ctx, PolicyService service) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        Set<Role> required = EnumSet.noneOf(Role.class);
        roles.forEach(r -> required.add((Role) r));
        service.auth().require(ctx.header("Authorization"), required);
    }

    /**
     * The error document, with its status and headers. When the request's body was not read (the refusal came
     * first), the document is sent at once and the rest of the body drained after it ({@link UnreadBody}).
     */
    static void write(Context ctx, ApiError e, PolicyService service) {
        e.headers().forEach(ctx::header);
        if (!ctx.res().isCommitted() && UnreadBody.remains(ctx)) {
            UnreadBody.answerThenDrain(ctx, service, e.status(), e.document());
        } else {
            Http.json(ctx, e.status(), e.document());
        }
    }

    /** The Allow header of a 405 (RFC 9110: the methods the route takes), from what Javalin found. */
    private static Map<String, String> allow(HttpResponseException e) {
        return e.getDetails().values().stream().filter(methods -> !methods.isBlank()).findFirst()
                .map(methods -> Map.of("Allow", methods)).orElse(Map.of());
    }

    /** Javalin's own refusals (no such route, wrong method, body too large) as the project's error document. */
    private static ApiError fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        return switch (status) {
            case 404 -> new ApiError(404, ApiError.NOT_FOUND, "no such route");
            case 405 -> new ApiError(405, ApiError.METHOD_NOT_ALLOWED, List.of(new Problem("$",
                    "the route does not take this method")), allow(e));
            case 413 -> ApiError.tooLarge("the body is larger than the service accepts");
            default -> new ApiError(status, status < 500 ? ApiError.INVALID_REQUEST : ApiError.INTERNAL,
                    "the request was refused: " + status);
        };
    }
}
