package cn.minhang.policy.service;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correctness half of the load test (the timing half is benchmarks/service): concurrent clients evaluate
 * while an admin swaps in rules that grant another amount. Every answer is a 200 that names one version, in its
 * header, its body and its audit, and grants exactly what that version grants: no decision mixes two versions.
 * A batch running across the swap is made by one version throughout. Bounded: a few hundred requests, under a
 * minute.
 */
class LoadDuringReloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 6;
    private static final int MAX_REQUESTS = 3_000;
    private static ServiceRules files;
    private static RunningService running;

    @BeforeAll
    static void start() {
        files = new ServiceRules();
        running = RunningService.start(files.rules, files.specs, b -> b.maxConcurrent(CLIENTS + 2), true);
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void aReloadDuringLoadGivesNoErrorAndNoDecisionThatMixesTwoVersions() throws Exception {
        String before = running.service().rules().version();
        Map<String, String> grants = new ConcurrentHashMap<>(Map.of(before, ServiceRules.amount(30)));
        Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                futures.add(clients.submit(() -> {
                    while (!stop.get() && done.get() < MAX_REQUESTS && System.nanoTime() < deadline) {
                        HttpResponse<String> r = running.post("/v1/evaluate", "application/json",
                                ServiceRules.APPLICATION);
                        check(r, grants, byVersion, errors);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            // A batch that starts before the swap and is still running after it.
            Future<HttpResponse<String>> batch = clients.submit(() -> running.send(running.request("/v1/batch",
                            "Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString((ServiceRules.APPLICATION + "\n").repeat(400))).build()));

            awaitCount(done, 100, deadline);
            files.writeGood(35);
            HttpResponse<String> reload = running.post("/v1/admin/reload", null, "",
                    RunningService.bearer(RunningService.ADMIN_TOKEN));
            assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
            String after = JSON.readTree(reload.body()).get("rulesVersion").asText();
            assertThat(after).isNotEqualTo(before);
            grants.put(after, ServiceRules.amount(35));
            int atSwap = done.get();
            awaitCount(done, atSwap + 100, deadline);
            stop.set(true);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }

            HttpResponse<String> lines = batch.get(60, TimeUnit.SECONDS);
            assertThat(lines.statusCode()).isEqualTo(200);
            String batchVersion = lines.headers().firstValue(Http.RULES_VERSION_HEADER).orElseThrow();
            List<String> batchLines = lines.body().lines().toList();
            assertThat(batchLines).hasSize(400);
            for (int i = 0; i < batchLines.size(); i++) {
                JsonNode line = JSON.readTree(batchLines.get(i));
                assertThat(line.get("line").asInt()).isEqualTo(i + 1);
                assertThat(line.get("rulesVersion").asText()).isEqualTo(batchVersion);
                assertThat(line.get("total").asText()).isEqualTo(grants.get(batchVersion));
            }

            assertThat(errors).isEmpty();
            assertThat(byVersion.keySet()).containsExactlyInAnyOrder(before, after);
            assertThat(byVersion.get(after).get()).isGreaterThanOrEqualTo(100);
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }
    }

    private static void check(HttpResponse<String> r, Map<String, String> grants, Map<String, AtomicInteger> byVersion,
                              List<String> errors) {
        try {
            if (r.statusCode() != 200) {
                errors.add(r.statusCode() + " " + r.body());
                return;
            }
            JsonNode decision = JSON.readTree(r.body());
            String version = decision.get("rulesVersion").asText();
            String header = r.headers().firstValue(Http.RULES_VERSION_HEADER).orElse("");
            String audit = decision.at("/audit/rulesVersion").asText();
            String expected = grants.get(version);
            String total = decision.get("total").asText();
            String line = decision.at("/lines/0/amount").asText();
            if (!version.equals(header) || !version.equals(audit) || expected == null || !expected.equals(total)
                    || !expected.equals(line)) {
                errors.add("mixed: version " + version + ", header " + header + ", audit " + audit + ", total " + total
                        + ", line " + line + ", expected " + expected);
            }
            byVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
            errors.add(e.toString());
        }
    }

    private static void awaitCount(AtomicInteger done, int count, long deadline) throws InterruptedException {
        while (done.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + done.get() + " requests before the time ran out");
            }
            Thread.sleep(5);
        }
    }
}
