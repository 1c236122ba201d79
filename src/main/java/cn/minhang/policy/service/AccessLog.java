package cn.minhang.policy.service;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@value #LOGGER}, at INFO: the route (its template, such as
 * {@code POST /v1/evaluate}, not the raw path), the status, the time taken and the client's address. Never the
 * body, the query or a header: an application and a token stay out of the log.
 */
final class AccessLog {
    static final String LOGGER = "cn.minhang.policy.service.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final String NO_ROUTE = "(no route)";

    void log(Context ctx, Float millis) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms client={}", ctx.method(), route(ctx), ctx.statusCode(),
                    String.format(java.util.Locale.ROOT, "%.1f", millis), ctx.req().getRemoteAddr());
        }
    }

    /** The matched route's template, or "(no route)" and the path (without its query), escaped and cut. */
    static String route(Context ctx) {
        String template = template(ctx);
        return template.equals(NO_ROUTE) ? NO_ROUTE + " " + Http.clip(ctx.path()) : template;
    }

    /** The matched route's template, or "(no route)": what the metrics are labelled with. */
    static String template(Context ctx) {
        Endpoint endpoint;
        try {
            endpoint = ctx.endpoints().matchedHttpEndpoint();
        } catch (RuntimeException e) {
            endpoint = null;
        }
        return endpoint != null ? endpoint.path : NO_ROUTE;
    }
}
