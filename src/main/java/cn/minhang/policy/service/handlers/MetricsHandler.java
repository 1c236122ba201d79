package cn.minhang.policy.service.handlers;

import cn.minhang.policy.service.ServiceMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/** {@code GET /metrics}: every metric of {@link ServiceMetrics}, in Prometheus's text format. */
public final class MetricsHandler implements Handler {
    public static final String TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final ServiceMetrics metrics;

    public MetricsHandler(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx) {
        ctx.status(200).contentType(TYPE).result(metrics.scrape());
    }
}
