package cn.minhang.policy.service.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.io.ProblemsJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the page's assets and POST /v1/evaluate on a real port, with the contract of the decision service's
 * evaluate route, until the service itself serves them.
 */
final class StandInService implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8");
    private final HttpServer server;

    private StandInService(HttpServer server) {
        this.server = server;
    }

    static StandInService start() throws IOException {
        PolicyEngine engine = PolicyEngine.fromDirectory(java.nio.file.Path.of("rules"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/evaluate", exchange -> {
            try (exchange) {
                Application application;
                try (InputStream in = exchange.getRequestBody()) {
                    application = ApplicationReader.fromJson(in);
                } catch (InvalidApplicationException e) {
                    send(exchange, 400, "json", DecisionJson.pretty(ProblemsJson.document(
                            ProblemsJson.INVALID_APPLICATION, null, e.problems())));
                    return;
                }
                send(exchange, 200, "json", DecisionJson.pretty(DecisionJson.toTree(application,
                        engine.evaluate(application), Instant.now())));
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String name = path.equals("/") ? "index.html" : path.substring(1);
                InputStream in = name.contains("..") ? null
                        : StandInService.class.getResourceAsStream("/cn/minhang/policy/service/web/" + name);
                if (in == null) {
                    send(exchange, 404, "json", "{\"error\": \"not found\"}");
                    return;
                }
                try (in) {
                    byte[] bytes = in.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type",
                            TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream"));
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            }
        });
        server.start();
        return new StandInService(server);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", TYPES.get(type));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
