package cn.minhang.policy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.records.RecordsConfig;
import cn.minhang.policy.service.PolicyService;
import cn.minhang.policy.service.Role;
import cn.minhang.policy.service.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        header = {"Serve the policy over HTTP: the decision service (docs/service.md).", ""},
        description = {"Starts the decision service: a JSON API under /v1 over the contract of docs/json-contract.md "
                + "(evaluate, batch, the rules serving, their schemas, an admin reload through the spec gate), with "
                + "health probes, Prometheus metrics and its OpenAPI document at /v1/openapi.json.",
                "It listens on loopback unless --bind says otherwise, compiles the rules and runs every spec case "
                        + "before it is ready, and runs until stopped (Ctrl-C or SIGTERM). Access log on stderr.",
                "Exit code 3 if the rules are refused at start, 2 for an invalid option."},
        footer = {"", "Examples:", "  ./policy serve",
                "  ./policy serve --port 9000 --rules /etc/policy/rules --specs /etc/policy/specs",
                "  POLICY_JDBC_USER=policy POLICY_JDBC_PASSWORD=... ./policy serve --jdbc-url jdbc:postgresql://db/policy",
                "  ./policy serve --token-sha256 ADMIN=$(printf %%s \"$TOKEN\" | sha256sum | cut -c1-64)",
                "  curl -H 'Content-Type: application/json' -d @examples/robot-buyer.json \\",
                "       http://127.0.0.1:8080/v1/evaluate"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = ServiceConfig.DEFAULT_BIND,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for every "
                    + "interface).")
    String bind;

    @Option(names = "--rules", paramLabel = "DIR", description = "Rules directory to serve (default: the "
            + "repository's rules/ beside the launcher or in the current directory).")
    Path rules;

    @Option(names = "--specs", paramLabel = "DIR", description = "Spec files every rules version must pass before "
            + "it serves (default: the repository's specs/).")
    Path specs;

    @Option(names = "--token-sha256", paramLabel = "ROLE=SHA256", description = "A bearer token for a role ("
            + "SUBMIT, READ_RECORDS or ADMIN), given as the SHA-256 of the token in hex, never the token itself; "
            + "repeat for more tokens. Without one for ADMIN, reload cannot be used.")
    List<String> tokens = new ArrayList<>();

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Evaluations, batches and reloads at once; "
            + "one more is answered 429 (default: twice the cores, at least 4).")
    Integer maxConcurrent;

    @Option(names = "--time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest one evaluation may take before it is answered 503 (default: 10s).")
    Duration timeLimit;

    @Option(names = "--batch-time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest a batch may take in all (default: 10m).")
    Duration batchTimeLimit;

    @Option(names = "--body-time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest the body of one document may take to arrive (default: 10s).")
    Duration bodyTimeLimit;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A connection silent this long is closed (default: 30s).")
    Duration idleTimeout;

    @Option(names = "--batch-threads", paramLabel = "N", description = "Threads that evaluate one batch's lines "
            + "(default: the number of cores).")
    Integer batchThreads;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "Let pages of this origin call the API "
            + "from a browser (default: none, CORS off); repeat for more.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep the decision records of POST /v1/records "
            + "in an H2 file database under DIR (default: ./data; docs/records.md).")
    Path dataDir;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Keep the decision records in this database "
            + "instead, such as jdbc:postgresql://db:5432/policy; the user and password are read from the environment "
            + "variables " + JDBC_USER + " and " + JDBC_PASSWORD + ".")
    String jdbcUrl;

    static final String JDBC_USER = "POLICY_JDBC_USER";
    static final String JDBC_PASSWORD = "POLICY_JDBC_PASSWORD";

    /** Released to stop a service started in-process (the tests); a real process stops on SIGTERM. */
    static volatile CountDownLatch stop;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ServiceConfig config = config();
        PolicyService service;
        try {
            service = PolicyService.start(config);
        } catch (RuntimeException e) {
            throw new CliException(PolicyCli.FAILURE, "cannot listen on " + bind + ":" + port + ": "
                    + rootMessage(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        stop = stopped;
        Thread hook = new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "policy-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("policy: decision records in " + config.records().describe());
        err.println("policy: listening on " + service.uri() + "; compiling the rules of " + config.rulesDirectory()
                + " and running the specs of " + config.specsDirectory() + "...");
        err.flush();
        try {
            if (!service.awaitReady(Duration.ofMinutes(10))) {
                ReloadRejectedException refused = service.refusal().orElse(null);
                err.println("error: the rules were refused" + (refused == null ? "" : ": " + refused.getMessage()));
                if (refused != null) {
                    refused.problems().forEach(err::println);
                    refused.failures().forEach(err::println);
                }
                return PolicyCli.RULES_FAILED;
            }
            err.println("policy: ready: rules " + service.rules().version() + " serve on " + service.uri()
                    + " (API under /v1, OpenAPI at " + service.uri() + "/v1/openapi.json)");
            err.flush();
            stopped.await();
            return PolicyCli.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the service
            }
            service.close();
        }
    }

    private ServiceConfig config() {
        ServiceConfig.Builder b = ServiceConfig.builder();
        try {
            b.port(port).bind(bind);
        } catch (IllegalArgumentException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, e.getMessage());
        }
        try {
            java.net.InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--bind " + bind + " is not an address of this machine");
        }
        b.rulesDirectory(directory(rules, "rules", "--rules"));
        b.specsDirectory(directory(specs, "specs", "--specs"));
        for (String token : tokens) {
            String[] parts = token.split("=", 2);
            if (parts.length != 2) {
                throw new CliException(PolicyCli.INVALID_INPUT, "--token-sha256 takes ROLE=SHA256, such as "
                        + "ADMIN=9f86d0…");
            }
            Role role;
            try {
                role = Role.valueOf(parts[0].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException(PolicyCli.INVALID_INPUT, "--token-sha256: the roles are SUBMIT, "
                        + "READ_RECORDS and ADMIN");
            }
            try {
                b.tokenSha256(role, parts[1]);
            } catch (IllegalArgumentException e) {
                throw new CliException(PolicyCli.INVALID_INPUT, "--token-sha256: " + e.getMessage());
            }
        }
        try {
            if (maxConcurrent != null) {
                b.maxConcurrent(maxConcurrent);
            }
            if (timeLimit != null) {
                b.timeLimit(timeLimit);
            }
            if (batchTimeLimit != null) {
                b.batchTimeLimit(batchTimeLimit);
            }
            if (bodyTimeLimit != null) {
                b.bodyTimeLimit(bodyTimeLimit);
            }
            if (idleTimeout != null) {
                b.idleTimeout(idleTimeout);
            }
            if (batchThreads != null) {
                b.batchThreads(batchThreads);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, e.getMessage());
        }
        corsOrigins.forEach(b::corsOrigin);
        b.records(records());
        return b.build();
    }

    /** The records database: --jdbc-url with credentials from the environment, or an H2 file under --data-dir. */
    private RecordsConfig records() {
        if (jdbcUrl != null && dataDir != null) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--data-dir and --jdbc-url name two places for the "
                    + "records; give one");
        }
        if (jdbcUrl != null) {
            try {
                return RecordsConfig.jdbc(jdbcUrl, System.getenv(JDBC_USER), System.getenv(JDBC_PASSWORD));
            } catch (IllegalArgumentException e) {
                throw new CliException(PolicyCli.INVALID_INPUT, "--jdbc-url: " + e.getMessage());
            }
        }
        Path dir = dataDir != null ? dataDir : Path.of("data");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--data-dir " + dir + " is not a directory");
        }
        try {
            // Made here, so that a directory that cannot be made is an option refused at once, not a database
            // that H2 fails to open while the service listens.
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--data-dir " + dir + " cannot be made a directory: "
                    + PolicyCli.fileProblem(e));
        }
        if (!Files.isWritable(dir)) {
            throw new CliException(PolicyCli.INVALID_INPUT, "--data-dir " + dir + " is not writable");
        }
        return RecordsConfig.h2(dir);
    }

    private static Path directory(Path given, String name, String option) {
        Path dir = given != null ? given : RulesOption.repositoryFolder(name);
        if (dir == null) {
            throw new CliException(PolicyCli.INVALID_INPUT, "no " + name + "/ folder here; name one with " + option);
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException(PolicyCli.INVALID_INPUT, option + " " + dir + " is not a directory");
        }
        return dir;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
