package cn.minhang.policy.bench.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationJson;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.population.PopulationGenerator;
import cn.minhang.policy.service.PolicyService;
import cn.minhang.policy.service.Role;
import cn.minhang.policy.service.ServiceConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The decision service under load, next to the library in-process on the same applications, in one run.
 *
 * <p>The first three phases run in three interleaved rounds, so that on a shared machine each meets the same
 * contention. Every phase evaluates the same applicants (the library generator's population, a fixed seed) with the same
 * number of concurrent clients, each client one request after another, and reports throughput and the p50/p99 of
 * every call:
 * <ol>
 *   <li>{@code library, evaluate}: {@code engine.evaluate(application)} in-process (the floor);</li>
 *   <li>{@code library, JSON in and out}: read the JSON text, evaluate, write the decision document: the service's
 *       work without HTTP;</li>
 *   <li>{@code service}: {@code POST /v1/evaluate} over loopback with {@link HttpClient} (HTTP/1.1 keep-alive);</li>
 *   <li>{@code service + reload}: the same, with an admin reload half-way that swaps in rules granting another
 *       amount under clause 1.1 (30% becomes 31%).</li>
 * </ol>
 * Every answer is checked, in every phase: status 200, the version in its header, body and audit the same, and its
 * total exactly the library's for that applicant under that version. Any error or mixed version is counted and
 * fails the run (exit 1). Bounded: at most {@code --requests} calls and {@code --max-seconds} per phase, loopback
 * only. The spec gate of the service here is one probe case that pins 1.1's rate, so that the rate can change
 * (the ordinary gate would rightly refuse it); the full gate's cost is the reload time printed.
 */
public final class ServiceLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20250101L;
    private static final String TOKEN = "load-test-admin-token";
    private static final int ROUNDS = 3;

    private final int clients;
    private final int requests;
    private final Duration maxPhase;
    private final int applicantCount;

    private ServiceLoad(int clients, int requests, Duration maxPhase, int applicantCount) {
        this.clients = clients;
        this.requests = requests;
        this.maxPhase = maxPhase;
        this.applicantCount = applicantCount;
    }

    /** What one phase measured. */
    private record Figures(String phase, int calls, double seconds, long[] nanos, int errors, String note) {
        double perSecond() {
            return calls / seconds;
        }

        double percentile(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    /** One call of a phase: returns null when its answer is right, else what is wrong. */
    @FunctionalInterface
    private interface Call {
        String run(int applicant) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        ServiceLoad load = new ServiceLoad(
                Integer.parseInt(options.getOrDefault("--clients", "4")),
                Integer.parseInt(options.getOrDefault("--requests", "20000")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--max-seconds", "60"))),
                Integer.parseInt(options.getOrDefault("--applicants", "2000")));
        System.exit(load.run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "%d clients, at most %d calls and %d s per phase, %d applicants of "
                + "PopulationGenerator(seed %d), %d cores%n", clients, requests, maxPhase.toSeconds(), applicantCount,
                SEED, Runtime.getRuntime().availableProcessors());

        Path root = Files.createTempDirectory("policy-service-load-");
        Path rules = copy(Path.of("rules"), root.resolve("rules"));
        Path specs = Files.createDirectories(root.resolve("specs"));
        Path swappedRules = copy(Path.of("rules"), root.resolve("rules-31"));
        String m01 = Files.readString(rules.resolve("m01-core-components.drl"));
        String m01At31 = m01.replace("$p.rndInvestment(), \"30%\", \"3,000,000\"",
                "$p.rndInvestment(), \"31%\", \"3,000,000\"");
        if (m01At31.equals(m01)) {
            throw new IllegalStateException("rules/m01-core-components.drl no longer pays 1.1 at 30%");
        }
        Files.writeString(swappedRules.resolve("m01-core-components.drl"), m01At31);
        Files.writeString(specs.resolve("probe.yaml"), probe("2400000.00"));

        List<Application> applicants = new PopulationGenerator(SEED).stream(applicantCount).toList();
        List<String> bodies = applicants.stream().map(ApplicationJson::toJsonLine).toList();
        PolicyEngine engine = PolicyEngine.fromDirectory(rules);
        PolicyEngine engine31 = PolicyEngine.fromDirectory(swappedRules);
        Map<String, String[]> totals = new ConcurrentHashMap<>();
        totals.put(engine.rules().version(), totalsOf(engine, applicants));
        totals.put(engine31.rules().version(), totalsOf(engine31, applicants));
        long changed = 0;
        for (int i = 0; i < applicants.size(); i++) {
            if (!totals.get(engine.rules().version())[i].equals(totals.get(engine31.rules().version())[i])) {
                changed++;
            }
        }
        System.out.printf(Locale.ROOT, "rules %s (1.1 at 30%%) and %s (at 31%%): %d of the %d applicants' totals "
                + "differ between them%n", engine.rules().version(), engine31.rules().version(), changed,
                applicants.size());

        ServiceConfig config = ServiceConfig.builder().port(0).rulesDirectory(rules).specsDirectory(specs)
                .maxConcurrent(Math.max(4, 2 * clients))
                .tokenSha256(Role.ADMIN, ServiceConfig.sha256Hex(TOKEN)).build();
        List<Figures> figures = new ArrayList<>();
        boolean ok;
        try (PolicyService service = PolicyService.start(config)) {
            if (!service.awaitReady(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the service did not become ready: " + service.refusal());
            }
            URI evaluate = URI.create(service.uri() + "/v1/evaluate");
            ExecutorService httpThreads = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "load-http");
                t.setDaemon(true);
                return t;
            });
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                    .build();
            String v30 = engine.rules().version();

            Call library = i -> {
                Decision d = engine.evaluate(applicants.get(i));
                return ApplicationJson.amount(d.totalGranted()).equals(totals.get(v30)[i]) ? null : "library differs";
            };
            Call libraryJson = i -> {
                Application a = ApplicationReader.fromJson(bodies.get(i));
                String text = DecisionJson.pretty(DecisionJson.toTree(a, engine.evaluate(a), Instant.now()));
                return text.isEmpty() ? "empty" : null;
            };
            Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
            Call overHttp = i -> check(http.send(HttpRequest.newBuilder(evaluate)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), i, totals, byVersion);

            warmUp(library);
            warmUp(libraryJson);
            warmUp(overHttp);
            byVersion.clear();
            // Interleaved rounds: on a shared machine, each phase meets the same contention as the others.
            String[] names = {"library, evaluate", "library, JSON in and out", "service, POST /v1/evaluate"};
            Call[] calls = {library, libraryJson, overHttp};
            List<List<Figures>> rounds = new ArrayList<>();
            for (int p = 0; p < names.length; p++) {
                rounds.add(new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int p = 0; p < names.length; p++) {
                    rounds.get(p).add(phase(names[p], calls[p], null, requests / ROUNDS));
                }
            }
            for (List<Figures> phase : rounds) {
                figures.add(merge(phase));
            }
            byVersion.clear();

            // The reload half-way: the rules directory now pays 31%, and the probe case expects it.
            long[] reloadMillis = {0};
            String[] reloadOutcome = {""};
            Runnable reload = () -> {
                try {
                    Files.writeString(rules.resolve("m01-core-components.drl"), m01At31);
                    Files.writeString(specs.resolve("probe.yaml"), probe("2480000.00"));
                    long started = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(service.uri()
                                    + "/v1/admin/reload")).header("Authorization", "Bearer " + TOKEN)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    reloadMillis[0] = (System.nanoTime() - started) / 1_000_000;
                    reloadOutcome[0] = r.statusCode() + " " + JSON.readTree(r.body()).path("outcome").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Figures withReload = phase("service + reload half-way", overHttp, reload, requests);
            String note = String.format(Locale.ROOT, "reload %s in %d ms; answers by version: %s", reloadOutcome[0],
                    reloadMillis[0], byVersion);
            figures.add(new Figures(withReload.phase(), withReload.calls(), withReload.seconds(), withReload.nanos(),
                    withReload.errors(), note));
            ok = reloadOutcome[0].equals("200 swapped") && byVersion.size() == 2;
            httpThreads.shutdownNow();
        } finally {
            delete(root);
        }

        Figures floor = figures.get(0);
        System.out.println();
        System.out.printf(Locale.ROOT, "%-30s %8s %9s %12s %9s %9s %7s %s%n", "phase", "calls", "seconds",
                "calls/s", "p50 ms", "p99 ms", "errors", "vs library");
        for (Figures f : figures) {
            System.out.printf(Locale.ROOT, "%-30s %8d %9.2f %12.0f %9.3f %9.3f %7d %s%n", f.phase(), f.calls(),
                    f.seconds(), f.perSecond(), f.percentile(50), f.percentile(99), f.errors(),
                    f == floor ? "1" : String.format(Locale.ROOT, "%.2fx the throughput, %.1fx the p50",
                            f.perSecond() / floor.perSecond(), f.percentile(50) / floor.percentile(50)));
            if (f.note() != null) {
                System.out.println("    " + f.note());
            }
        }
        int errors = figures.stream().mapToInt(Figures::errors).sum();
        System.out.printf(Locale.ROOT, "%nerrors and mixed-version answers: %d%s%n", errors,
                ok ? "" : "; the reload did not swap, or not every version answered");
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        return ok && errors == 0;
    }

    /**
     * One phase: {@code clients} threads, each calling one applicant after another, bounded in count and time. With
     * {@code halfWay}, it runs once {@code requests / 2} calls have started, and the phase goes on past
     * {@code requests} until 1,000 calls have been made after it ended.
     */
    private Figures phase(String name, Call call, Runnable halfWay, int requests) throws Exception {
        int most = halfWay == null ? requests : 3 * requests;
        long[] nanos = new long[most];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger afterHalfWay = new AtomicInteger(halfWay == null ? Integer.MAX_VALUE : -1);
        List<String> examples = new CopyOnWriteArrayList<>();
        long deadline = System.nanoTime() + maxPhase.toNanos();
        AtomicLong halfWayStarted = new AtomicLong(halfWay == null ? 1 : 0);
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        long started = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    int n;
                    while ((n = next.getAndIncrement()) < most && System.nanoTime() < deadline
                            && (n < requests || afterHalfWay.get() < 1_000)) {
                        long t0 = System.nanoTime();
                        String wrong;
                        try {
                            wrong = call.run(n % applicantCount);
                        } catch (Exception e) {
                            wrong = e.toString();
                        }
                        nanos[n] = System.nanoTime() - t0;
                        if (afterHalfWay.get() >= 0) {
                            afterHalfWay.incrementAndGet();
                        }
                        if (wrong != null) {
                            errors.incrementAndGet();
                            if (examples.size() < 5) {
                                examples.add(wrong);
                            }
                        }
                        if (halfWay != null && n >= requests / 2 && halfWayStarted.compareAndSet(0, 1)) {
                            pool.submit(() -> {
                                halfWay.run();
                                afterHalfWay.set(0);
                            });
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        int calls = Math.min(next.get(), most);
        // Calls that were never made (the time ran out) are not counted.
        long[] made = Arrays.stream(nanos, 0, calls).filter(t -> t > 0).toArray();
        examples.forEach(e -> System.out.println("  " + name + ": " + e));
        return new Figures(name, made.length, seconds, made, errors.get(), null);
    }

    /** The rounds of one phase as one figure: every call's time, and the calls over the seconds of all rounds. */
    private static Figures merge(List<Figures> rounds) {
        int calls = rounds.stream().mapToInt(Figures::calls).sum();
        double seconds = rounds.stream().mapToDouble(Figures::seconds).sum();
        long[] nanos = rounds.stream().flatMapToLong(f -> Arrays.stream(f.nanos())).toArray();
        int errors = rounds.stream().mapToInt(Figures::errors).sum();
        return new Figures(rounds.get(0).phase(), calls, seconds, nanos, errors, null);
    }

    /** A few thousand untimed calls, so that every phase is measured warm. */
    private void warmUp(Call call) throws Exception {
        int count = Math.min(3_000, requests);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < count) {
                    call.run(n % applicantCount);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    /** Null when the answer is a 200 naming one version throughout and granting that version's total. */
    private static String check(HttpResponse<String> r, int applicant, Map<String, String[]> totals,
                                Map<String, AtomicInteger> byVersion) throws IOException {
        if (r.statusCode() != 200) {
            return "status " + r.statusCode() + ": " + r.body();
        }
        JsonNode decision = JSON.readTree(r.body());
        String version = decision.path("rulesVersion").asText();
        String header = r.headers().firstValue("Policy-Rules-Version").orElse("");
        String audit = decision.at("/audit/rulesVersion").asText();
        String[] expected = totals.get(version);
        String total = decision.path("total").asText();
        if (!version.equals(header) || !version.equals(audit) || expected == null
                || !expected[applicant].equals(total)) {
            return "mixed: body " + version + ", header " + header + ", audit " + audit + ", total " + total
                    + (expected == null ? "" : ", expected " + expected[applicant]);
        }
        byVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
        return null;
    }

    private static String[] totalsOf(PolicyEngine engine, List<Application> applicants) {
        return applicants.stream().map(a -> ApplicationJson.amount(engine.evaluate(a).totalGranted()))
                .toArray(String[]::new);
    }

    /** The spec case the service's gate runs: 1.1 on R&D of 8,000,000 grants {@code amount}. */
    private static String probe(String amount) {
        return """
                given:
                  id: PROBE
                  applicationDate: "2026-03-01"
                  enterprise: {id: E1, name: 示例关节科技有限公司, locatedInDistrict: true, embodiedAiField: true}
                cases:
                  - case: "1.1 R&D of 8,000,000 gets AMOUNT"
                    application:
                      products:
                        - {id: P1, name: 一体化关节模组, category: INTEGRATED_JOINT, rndInvestment: "8000000", ownIp: true, marketSales: true}
                    expect:
                      lines:
                        - {clause: "1.1", subject: P1, status: GRANTED, amount: "AMOUNT"}
                      total: "AMOUNT"
                """.replace("AMOUNT", amount);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
