package cn.minhang.policy.service;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import cn.minhang.policy.engine.ReloadRejectedException;
import cn.minhang.policy.reload.RulesManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision service: the policy over HTTP, for systems that are not on the JVM (docs/service.md).
 *
 * <pre>{@code
 * try (PolicyService service = PolicyService.start(ServiceConfig.defaults())) {   // 127.0.0.1:8080
 *     service.awaitReady(Duration.ofMinutes(1));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #start} listens at once and compiles the rules in the background, through the same gate as
 * {@link RulesManager} (compile, then every spec case): the service is live from the start and ready once the rules
 * serve. Until then, and for good if the rules are refused, the routes that evaluate answer 503.
 */
public final class PolicyService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyService.class);

    private final ServiceConfig config;
    private final EvaluationPool evaluations;
    private final ServiceMetrics metrics;
    private final BearerAuth auth;
    private final CountDownLatch loaded = new CountDownLatch(1);
    /** Closes the connections of requests that run past their deadline (a client trickling its body). */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "policy-deadlines");
        t.setDaemon(true);
        return t;
    });
    private final Javalin app;
    private volatile RulesManager rules;
    private volatile ReloadRejectedException refused;
    private volatile RuntimeException loadFailure;

    private PolicyService(ServiceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.evaluations = new EvaluationPool(config);
        this.metrics = new ServiceMetrics(evaluations);
        this.auth = new BearerAuth(config.tokenHashes());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.defaultContentType = "application/json";
            QueuedThreadPool threads = new QueuedThreadPool(config.serverThreads(), 8, 60_000);
            threads.setName("policy-http");
            threads.setDaemon(true);
            cfg.jetty.threadPool = threads;
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(config.bind());
                connector.setPort(config.port());
                connector.setIdleTimeout(config.idleTimeout().toMillis());
                return connector;
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            if (!config.corsOrigins().isEmpty()) {
                List<String> origins = config.corsOrigins();
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                    rule.exposeHeader(Http.RULES_VERSION_HEADER);
                    rule.exposeHeader("Retry-After");
                }));
            }
            Routes.register(cfg, this);
        });
    }

    /**
     * Starts listening on {@link ServiceConfig#bind()}:{@link ServiceConfig#port()} and begins compiling the rules
     * of {@link ServiceConfig#rulesDirectory()}, checked by the cases of {@link ServiceConfig#specsDirectory()}.
     */
    public static PolicyService start(ServiceConfig config) {
        PolicyService service = new PolicyService(config);
        try {
            service.app.start();
        } catch (RuntimeException e) {
            service.evaluations.close();
            throw e;
        }
        Thread loader = new Thread(service::load, "policy-rules-loader");
        loader.setDaemon(true);
        loader.start();
        return service;
    }

    private void load() {
        try {
            RulesManager manager = RulesManager.open(config.rulesDirectory(), config.specsDirectory());
            metrics.rulesVersion(manager.version());
            manager.onReload(outcome -> {
                metrics.reload(outcome.result());
                metrics.rulesVersion(outcome.serving());
            });
            rules = manager;
            LOG.info("rules {} from {} serve on {}", manager.version(), manager.rulesDirectory(), uri());
        } catch (ReloadRejectedException e) {
            refused = e;
            LOG.error("the rules of {} were refused; the service is not ready: {}", config.rulesDirectory(),
                    e.getMessage());
        } catch (RuntimeException e) {
            loadFailure = e;
            LOG.error("the rules of {} could not be loaded; the service is not ready", config.rulesDirectory(), e);
        } finally {
            loaded.countDown();
        }
    }

    /** The port it listens on (the one chosen, for port 0). */
    public int port() {
        return app.port();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI uri() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return URI.create("http://" + host + ":" + port());
    }

    public ServiceConfig config() {
        return config;
    }

    /** Ready: the rules compiled and passed every spec case, and serve. */
    public boolean ready() {
        return rules != null;
    }

    /**
     * Waits until the first load of the rules is over.
     *
     * @return true if the rules serve; false if they were refused or the wait ran out
     */
    public boolean awaitReady(Duration wait) throws InterruptedException {
        loaded.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        return ready();
    }

    /** Why the rules do not serve, if the first load refused them (every compile problem or failing case). */
    public Optional<ReloadRejectedException> refusal() {
        return Optional.ofNullable(refused);
    }

    /**
     * The rules serving.
     *
     * @throws ApiError 503 while the service is not ready
     */
    public RulesManager rules() {
        RulesManager manager = rules;
        if (manager == null) {
            throw ApiError.retryLater(503, ApiError.NOT_READY, refused != null || loadFailure != null
                    ? "the rules were refused; the service has no rules to serve"
                    : "the rules are still being compiled", evaluations.retryAfterSeconds());
        }
        return manager;
    }

    /** The concurrency and time limits of evaluation. */
    public EvaluationPool evaluations() {
        return evaluations;
    }

    /** The metrics served at {@code /metrics}. */
    public ServiceMetrics metrics() {
        return metrics;
    }

    /** Every route registered, as "METHOD /path", read from the server's own router (the OpenAPI test uses it). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(p -> p.endpoint.method.isHttpMethod())
                .map(p -> p.endpoint.method.name() + " " + p.endpoint.path)
                .sorted()
                .toList();
    }

    /** Closes the connection of {@code ctx} if it is still open when {@code limit} has passed. */
    public Http.Deadline deadline(Context ctx, Duration limit) {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> task = deadlines.schedule(() -> {
            expired.set(true);
            endPoint.close();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        return new Http.Deadline() {
            @Override
            public boolean expired() {
                return expired.get();
            }

            @Override
            public void close() {
                task.cancel(false);
            }
        };
    }

    BearerAuth auth() {
        return auth;
    }

    /** Stops listening; requests in flight are ended. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            evaluations.close();
            deadlines.shutdownNow();
            RulesManager manager = rules;
            if (manager != null) {
                manager.close();
            }
        }
    }
}
