package cn.minhang.policy.service.handlers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/evaluate}: one application in, its decision document out (docs/json-contract.md), the same as
 * {@code ./policy evaluate --json}. Nothing is recorded. {@code ?firedRules=true} adds {@code firedRules}, the name
 * of every rule that fired, in firing order.
 */
public final class EvaluateHandler implements Handler {
    private final PolicyService service;

    public EvaluateHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        boolean firedRules = Http.flag(ctx, "firedRules");
        Http.language(ctx);
        PolicyEngine engine = service.rules().engine();
        Http.requireContentType(ctx, List.of(Http.JSON));
        Application application = read(Http.body(ctx, service.config().maxBodyBytes()));
        ObjectNode document = service.evaluations().run(() -> evaluate(engine, application, firedRules));
        ctx.header(Http.RULES_VERSION_HEADER, document.get("rulesVersion").asText());
        Http.json(ctx, 200, document);
    }

    /** @throws ApiError 400 with every problem of the application */
    static Application read(byte[] body) {
        try {
            return ApplicationReader.fromJson(new ByteArrayInputStream(body));
        } catch (InvalidApplicationException e) {
            throw ApiError.invalidApplication(e.problems());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode evaluate(PolicyEngine engine, Application application, boolean withFiredRules) {
        List<String> fired = withFiredRules ? new ArrayList<>() : null;
        Decision decision;
        try {
            decision = withFiredRules ? engine.evaluate(application, fired::add) : engine.evaluate(application);
        } catch (InvalidApplicationException e) {
            throw ApiError.invalidApplication(e.problems());
        } catch (RuntimeException e) {
            throw new ApiError(500, ApiError.EVALUATION_FAILED, "the rules failed on this application: "
                    + firstLine(e.getMessage()));
        }
        ObjectNode document = DecisionJson.toTree(application, decision, Instant.now());
        if (fired != null) {
            ArrayNode names = document.putArray("firedRules");
            fired.forEach(names::add);
        }
        return document;
    }

    private static String firstLine(String message) {
        String line = String.valueOf(message).lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
