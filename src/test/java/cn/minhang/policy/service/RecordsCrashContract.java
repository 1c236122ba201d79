package cn.minhang.policy.service;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import cn.minhang.policy.reload.RulesFixture;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost: the service runs as a process of its own ({@code java} with the test's runtime
 * classpath, {@code PolicyCli serve}), clients post a stream of recorded decisions, the process is killed with
 * SIGKILL in the middle of the stream, and a new process on the same database must answer every acknowledged
 * record exactly as it was acknowledged; in the database itself no record is half-written. A subclass per
 * database.
 */
abstract class RecordsCrashContract {
    private static final int CLIENTS = 4;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;
    private static final String PASSWORD = "never-printed-5e1f";

    @TempDir
    Path work;

    /** The {@code serve} options that name the database. */
    abstract List<String> databaseOptions(Path work) throws Exception;

    /** A JDBC connection to the database, once no service runs on it. */
    abstract Connection connect(Path work) throws Exception;

    record Acknowledged(String key, String id, String body) {
    }

    @Test
    void everyAcknowledgedRecordSurvivesASigkillMidStreamAndNoneIsHalfWritten() throws Exception {
        RulesFixture fixture = new RulesFixture(work);
        Path rules = fixture.rules;
        Path specs = fixture.specs;
        Files.writeString(specs.resolve(RulesFixture.SPEC), RulesFixture.spec(RulesFixture.amount(30)));
        List<String> database = databaseOptions(work);

        Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Server first = Server.start(work, rules, specs, database);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Thread t = new Thread(() -> post(first.base, client, stop, attempted, acknowledged), "crash-client-" + c);
                t.start();
                clients.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged.size()).as("acknowledged before the kill").isGreaterThanOrEqualTo(
                    ACKNOWLEDGED_BEFORE_KILL);
            first.process.destroyForcibly();  // SIGKILL on Linux: no shutdown hook, no close, mid-request
            assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process.exitValue()).isEqualTo(137);
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join(TimeUnit.SECONDS.toMillis(60));
            }
            first.process.destroyForcibly();
        }
        Map<String, Acknowledged> acked = Map.copyOf(acknowledged);
        assertThat(attempted.size()).as("requests in flight when killed").isGreaterThan(acked.size());

        Server second = Server.start(work, rules, specs, database);
        int stored;
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (Acknowledged a : acked.values()) {
                HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(second.base + "/v1/records/"
                                + a.id())).header("Authorization", "Bearer " + RunningService.READ_RECORDS_TOKEN).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertThat(read.statusCode()).as("record %s of %s", a.id(), a.key()).isEqualTo(200);
                assertThat(read.body()).as("record %s as acknowledged", a.id()).isEqualTo(a.body());
                intact(RecordsRoutesContract.JSON.readTree(read.body()));
            }
            // A request killed in flight may or may not have been committed: its retry says which, and stores
            // it at most once.
            int committedUnanswered = 0;
            for (String key : attempted) {
                if (acked.containsKey(key)) {
                    continue;
                }
                HttpResponse<String> retry = post(http, second.base, key);
                assertThat(retry.statusCode()).as(retry.body()).isIn(200, 201);
                committedUnanswered += retry.statusCode() == 200 ? 1 : 0;
                assertThat(post(http, second.base, key).statusCode()).isEqualTo(200);
            }
            stored = attempted.size();
            assertThat(committedUnanswered).isLessThanOrEqualTo(CLIENTS);
            System.out.printf("%s: %d acknowledged before SIGKILL, %d in flight (%d of them committed, unanswered)%n",
                    getClass().getSimpleName(), acked.size(), attempted.size() - acked.size(), committedUnanswered);
        } finally {
            second.stop();
        }
        assertThat(second.err()).doesNotContain(PASSWORD);

        // In the database: every record whole, with its clause rows, its input matching its hash.
        try (Connection c = connect(work); Statement s = c.createStatement()) {
            Map<String, Set<String>> clauses = new HashMap<>();
            try (ResultSet r = s.executeQuery("SELECT record_id, clause, status FROM decision_record_clause")) {
                while (r.next()) {
                    clauses.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2) + " "
                            + r.getString(3));
                }
            }
            int rows = 0;
            try (ResultSet r = s.executeQuery("SELECT id, input_sha256, input_json, decision_json, total "
                    + "FROM decision_record")) {
                while (r.next()) {
                    rows++;
                    String id = r.getString(1);
                    JsonNode decision = RecordsRoutesContract.JSON.readTree(r.getString(4));
                    assertThat(RecordsRoutesContract.sha256(r.getString(3))).isEqualTo(r.getString(2).trim())
                            .isEqualTo(decision.get("audit").get("inputSha256").asText());
                    assertThat(r.getBigDecimal(5)).isEqualByComparingTo(decision.get("total").asText());
                    Set<String> expected = new TreeSet<>();
                    decision.get("lines").forEach(l -> expected.add(l.get("clause").asText() + " "
                            + l.get("status").asText()));
                    assertThat(clauses.get(id)).as("clause rows of %s", id).isEqualTo(expected);
                }
            }
            assertThat(rows).isEqualTo(stored);
            assertThat(clauses.keySet()).hasSize(rows);
        }
    }

    private static void intact(JsonNode record) throws Exception {
        JsonNode decision = record.get("decision");
        assertThat(decision.get("audit").get("inputSha256").asText()).isEqualTo(record.get("inputSha256").asText())
                .isEqualTo(RecordsRoutesContract.sha256(record.get("application").toString()));
        assertThat(decision.get("total").asText()).isEqualTo(record.get("total").asText());
    }

    /** One client: posts applications with keys of its own until told to stop or the service is gone. */
    private static void post(String base, int client, AtomicBoolean stop, Set<String> attempted,
                             Map<String, Acknowledged> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; !stop.get(); i++) {
            String key = "crash-" + client + "-" + i;
            attempted.add(key);
            try {
                HttpResponse<String> r = post(http, base, key);
                if (r.statusCode() == 201) {
                    String id = RecordsRoutesContract.JSON.readTree(r.body()).get("id").asText();
                    acknowledged.put(key, new Acknowledged(key, id, r.body()));
                } else {
                    throw new AssertionError("unexpected " + r.statusCode() + ": " + r.body());
                }
            } catch (IOException e) {
                return;  // the service was killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String base, String key)
            throws IOException, InterruptedException {
        String[] parts = key.split("-");
        String rnd = String.valueOf(1_000_000L + 1000L * Integer.parseInt(parts[1]) + Integer.parseInt(parts[2]));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/records"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + RunningService.SUBMIT_TOKEN)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(RecordsRoutesContract.oneProduct("A-" + key, "E-CRASH", rnd),
                        StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@code PolicyCli serve} in a JVM of its own, on the test's runtime classpath. */
    static final class Server {
        final Process process;
        final String base;
        final Path err;

        private Server(Process process, String base, Path err) {
            this.process = process;
            this.base = base;
            this.err = err;
        }

        static Server start(Path work, Path rules, Path specs, List<String> database) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"),
                    "cn.minhang.policy.cli.PolicyCli", "serve", "--port", String.valueOf(port),
                    "--rules", rules.toString(), "--specs", specs.toString(),
                    "--token-sha256", "SUBMIT=" + ServiceConfig.sha256Hex(RunningService.SUBMIT_TOKEN),
                    "--token-sha256", "READ_RECORDS=" + ServiceConfig.sha256Hex(RunningService.READ_RECORDS_TOKEN)));
            command.addAll(database);
            Path err = Files.createTempFile(work, "serve-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(err.toFile()));
            builder.environment().put("POLICY_JDBC_USER", "postgres");
            builder.environment().put("POLICY_JDBC_PASSWORD", PASSWORD);
            Process process = builder.start();
            Server server = new Server(process, "http://127.0.0.1:" + port, err);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("serve exited with " + process.exitValue() + ":\n" + server.err());
                }
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(server.base
                            + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return server;
                    }
                } catch (ConnectException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new AssertionError("serve did not become ready:\n" + server.err());
        }

        /** SIGTERM: the service closes and the process exits. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        String err() {
            try {
                return Files.readString(err);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }
    }
}
