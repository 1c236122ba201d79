package cn.minhang.policy.service;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import cn.minhang.policy.batch.BatchLines;
import cn.minhang.policy.engine.AwardLine;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.reload.ReloadOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's metrics, in Prometheus's text format at {@code GET /metrics} (Micrometer):
 * <ul>
 *   <li>{@code http_server_requests_seconds}: a latency histogram of every request by method, route (its
 *       template) and status;</li>
 *   <li>{@code policy_decisions_total}: decisions by outcome ({@code granted}, {@code nothing_granted},
 *       {@code invalid}, {@code failed}, {@code time_limit}), single and batch alike, and
 *       {@code policy_decision_lines_total} their lines by status ({@code GRANTED}, {@code CAPPED}, …);</li>
 *   <li>{@code policy_reloads_total}: reloads by outcome ({@code swapped}, {@code unchanged}, {@code refused});</li>
 *   <li>{@code policy_rules_info}: 1, with the version serving as its {@code version} label;</li>
 *   <li>{@code policy_evaluations_in_flight}: evaluations, batches and reloads running;</li>
 *   <li>the JVM's memory, threads, processor and uptime.</li>
 * </ul>
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Object versionLock = new Object();
    private Gauge versionGauge;
    private String version;

    ServiceMetrics(EvaluationPool evaluations) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("policy.evaluations.in.flight", evaluations, e -> e.capacity() - e.available())
                .description("Evaluations, batches and reloads running now").register(registry);
        for (String outcome : new String[]{"granted", "nothing_granted", "invalid", "failed", "time_limit"}) {
            decisions(outcome);
        }
        for (String outcome : new String[]{"swapped", "unchanged", "refused"}) {
            reloads(outcome);
        }
    }

    /** One request: its method, route template, status and time. */
    void request(String method, String route, int status, float millis) {
        Timer.builder("http.server.requests")
                .description("HTTP requests by method, route and status")
                .tags("method", method, "route", route, "status", String.valueOf(status))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** A decision made. */
    public void decision(Decision decision) {
        decisions(decision.totalGranted().signum() > 0 ? "granted" : "nothing_granted").increment();
        for (AwardLine line : decision.lines()) {
            Counter.builder("policy.decision.lines").description("Lines of the decisions made, by status")
                    .tag("status", line.status().name()).register(registry).increment();
        }
    }

    /** An application refused as invalid. */
    public void invalid() {
        decisions("invalid").increment();
    }

    /** An evaluation the rules failed on. */
    public void failed() {
        decisions("failed").increment();
    }

    /** An evaluation answered 503 for running past its time limit. */
    public void timeLimit() {
        decisions("time_limit").increment();
    }

    /** One line of a batch. */
    public void batchLine(BatchLines.Outcome outcome) {
        if (outcome.decision() != null) {
            decision(outcome.decision());
        } else if (outcome.failed()) {
            failed();
        } else {
            invalid();
        }
    }

    /** A reload and what it did. */
    public void reload(ReloadOutcome.Result result) {
        reloads(result == ReloadOutcome.Result.REJECTED ? "refused" : result.name().toLowerCase(Locale.ROOT))
                .increment();
    }

    /** The rules now serving. */
    public void rulesVersion(String serving) {
        synchronized (versionLock) {
            if (serving.equals(version)) {
                return;
            }
            if (versionGauge != null) {
                registry.remove(versionGauge);
            }
            AtomicInteger one = new AtomicInteger(1);
            versionGauge = Gauge.builder("policy.rules.info", one, AtomicInteger::get)
                    .description("The rules serving: 1, with their version as a label")
                    .tag("version", serving).strongReference(true).register(registry);
            version = serving;
        }
    }

    /** Everything, in Prometheus's text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    private Counter decisions(String outcome) {
        return Counter.builder("policy.decisions").description("Decisions by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter reloads(String outcome) {
        return Counter.builder("policy.reloads").description("Reloads of the rules by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
