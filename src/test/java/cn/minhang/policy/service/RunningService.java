package cn.minhang.policy.service;

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
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real decision service on a real port (port 0: any free one, on loopback), serving copies of the repository's
 * rules and specs in temporary directories that it deletes when closed, with one bearer token per role.
 *
 * <pre>{@code
 * try (RunningService running = RunningService.start()) {
 *     HttpResponse<String> r = running.post("/v1/evaluate", "application/json", json);
 * }
 * }</pre>
 */
public final class RunningService implements AutoCloseable {
    public static final String SUBMIT_TOKEN = "submit-token-for-tests";
    public static final String READ_RECORDS_TOKEN = "read-records-token-for-tests";
    public static final String ADMIN_TOKEN = "admin-token-for-tests";

    private final Path root;
    private final PolicyService service;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private boolean isShared;

    private RunningService(Path root, PolicyService service) {
        this.root = root;
        this.service = service;
    }

    private static RunningService shared;

    /** The repository's rules and specs, the default limits. */
    public static RunningService start() {
        return start(UnaryOperator.identity());
    }

    /**
     * One service with the defaults, shared by the test classes that only read from it (each start compiles the
     * rules and runs every spec case: seconds). It stops with the test JVM; {@link #close()} on it does nothing.
     * A test that changes its rules directory must put it back as it was.
     */
    public static synchronized RunningService shared() {
        if (shared == null) {
            RunningService running = start();
            running.isShared = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.service.close();
                delete(running.root);
            }, "policy-test-service-stop"));
            shared = running;
        }
        return shared;
    }

    /** The same, with the configuration changed by {@code customise} (limits, other rule files, …). */
    public static RunningService start(UnaryOperator<ServiceConfig.Builder> customise) {
        return start(copyOf(Path.of("rules"), "rules"), copyOf(Path.of("specs"), "specs"), customise, true);
    }

    /**
     * A service on the given directories (they are not deleted); {@code awaitReady} false returns as soon as it
     * listens, for tests of readiness.
     */
    public static RunningService start(Path rules, Path specs, UnaryOperator<ServiceConfig.Builder> customise,
                                       boolean awaitReady) {
        ServiceConfig config = customise.apply(ServiceConfig.builder()
                .port(0)
                .rulesDirectory(rules)
                .specsDirectory(specs)
                .tokenSha256(Role.SUBMIT, ServiceConfig.sha256Hex(SUBMIT_TOKEN))
                .tokenSha256(Role.READ_RECORDS, ServiceConfig.sha256Hex(READ_RECORDS_TOKEN))
                .tokenSha256(Role.ADMIN, ServiceConfig.sha256Hex(ADMIN_TOKEN))).build();
        PolicyService service = PolicyService.start(config);
        RunningService running = new RunningService(rules.getParent(), service);
        if (awaitReady) {
            try {
                if (!service.awaitReady(Duration.ofMinutes(3))) {
                    running.close();
                    throw new IllegalStateException("the service did not become ready: " + service.refusal()
                            .map(Throwable::getMessage).orElse("(no refusal)"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return running;
    }

    /** A fresh temporary copy of a folder of the repository (its regular files). */
    public static Path copyOf(Path folder, String name) {
        try {
            Path target = Files.createDirectories(Files.createTempDirectory("policy-service-").resolve(name));
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PolicyService service() {
        return service;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI base() {
        return service.uri();
    }

    public URI uri(String pathAndQuery) {
        return URI.create(base() + pathAndQuery);
    }

    public Path rulesDirectory() {
        return service.config().rulesDirectory();
    }

    public Path specsDirectory() {
        return service.config().specsDirectory();
    }

    public HttpClient client() {
        return client;
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return send(request(pathAndQuery, headers).GET().build());
    }

    public HttpResponse<String> post(String pathAndQuery, String contentType, String body, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery, headers)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to {@code pathAndQuery} with the given header names and values, in pairs. */
    public HttpRequest.Builder request(String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** {@code "Authorization", "Bearer " + token}, to pass as headers. */
    public static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }

    @Override
    public void close() {
        if (isShared) {
            return;
        }
        service.close();
        if (root != null && root.getFileName().toString().startsWith("policy-service-")) {
            delete(root);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }

    /** Every file of {@code dir}, for tests that want to see them. */
    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
