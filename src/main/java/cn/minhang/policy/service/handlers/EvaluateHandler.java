package cn.minhang.policy.service.handlers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.minhang.policy.cli.Breakdown;
import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.engine.Language;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.ApplicationReader;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import cn.minhang.policy.service.ServiceMetrics;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/evaluate}: one application in, its decision document out (docs/json-contract.md), the same as
 * {@code ./policy evaluate --json}. Nothing is recorded.
 * <ul>
 *   <li>{@code ?firedRules=true} adds {@code firedRules}, the name of every rule that fired, in firing order;</li>
 *   <li>{@code ?at=INSTANT} fixes {@code audit.evaluatedAt}, to reproduce a document byte for byte;</li>
 *   <li>{@code Accept: text/plain} answers the readable breakdown of {@code ./policy evaluate} instead, in the
 *       language of {@code ?lang=zh|en} (default zh); the JSON document always carries both languages.</li>
 * </ul>
 */
public final class EvaluateHandler implements Handler {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateHandler.class);
    private static final Pattern FAILED_RULE = Pattern.compile("consequence for rule \"((?:[^\"\\\\]|\\\\.){1,300})\"");
    private final PolicyService service;

    public EvaluateHandler(PolicyService service) {
        this.service = service;
    }

    /** What one evaluation gave. */
    public record Evaluated(Application application, Decision decision, List<String> firedRules) {
    }

    @Override
    public void handle(Context ctx) {
        Http.Parameters parameters = new Http.Parameters();
        boolean firedRules = parameters.read(() -> Http.flag(ctx, "firedRules"), false);
        Instant at = parameters.read(() -> Http.instant(ctx, "at"), null);
        Language language = parameters.read(() -> Http.language(ctx), Language.ZH);
        parameters.check();
        boolean text = wantsText(ctx.header("Accept"));
        PolicyEngine engine = service.rules().engine();
        Http.requireContentType(ctx, List.of(Http.JSON));
        Application application = read(Http.body(ctx, service), service.metrics());
        Evaluated evaluated = evaluate(service, engine, application, firedRules);
        ctx.header(Http.RULES_VERSION_HEADER, evaluated.decision().rulesVersion());
        if (text) {
            ctx.status(200).contentType("text/plain;charset=utf-8").header("Content-Language",
                    language == Language.ZH ? "zh" : "en").result(Breakdown.render("request", application,
                    evaluated.decision(), engine.rules().source().origin(), language));
            return;
        }
        Http.json(ctx, 200, document(evaluated, at));
    }

    /** The decision document, with {@code firedRules} when they were asked for. */
    public static ObjectNode document(Evaluated evaluated, Instant at) {
        ObjectNode document = DecisionJson.toTree(evaluated.application(), evaluated.decision(),
                at == null ? Instant.now() : at);
        if (evaluated.firedRules() != null) {
            ArrayNode names = document.putArray("firedRules");
            evaluated.firedRules().forEach(names::add);
        }
        return document;
    }

    /**
     * Reads an application from a request body.
     *
     * @throws ApiError 400 with every problem of the application
     */
    public static Application read(byte[] body, ServiceMetrics metrics) {
        try {
            return ApplicationReader.fromJson(new ByteArrayInputStream(body));
        } catch (InvalidApplicationException e) {
            metrics.invalid();
            throw ApiError.invalidApplication(e.problems());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Evaluates within the service's concurrency and time limits.
     *
     * @throws ApiError 400 when the facts contradict each other, 429, 503 past the time limit, 500 when the rules
     *                  fail on the application
     */
    public static Evaluated evaluate(PolicyService service, PolicyEngine engine, Application application,
                                     boolean withFiredRules) {
        ServiceMetrics metrics = service.metrics();
        try {
            return service.evaluations().run(() -> {
                List<String> fired = withFiredRules ? new ArrayList<>() : null;
                Decision decision;
                try {
                    decision = withFiredRules ? engine.evaluate(application, fired::add) : engine.evaluate(application);
                } catch (InvalidApplicationException e) {
                    metrics.invalid();
                    throw ApiError.invalidApplication(e.problems());
                } catch (RuntimeException e) {
                    metrics.failed();
                    throw failed(e);
                }
                metrics.decision(decision);
                return new Evaluated(application, decision, fired == null ? null : List.copyOf(fired));
            });
        } catch (ApiError e) {
            if (ApiError.TIME_LIMIT.equals(e.error())) {
                metrics.timeLimit();
            }
            throw e;
        }
    }

    /** True when the client asks for text/plain and not for JSON. */
    static boolean wantsText(String accept) {
        if (accept == null) {
            return false;
        }
        String value = accept.toLowerCase(Locale.ROOT);
        return value.contains("text/plain") && !value.contains("application/json");
    }

    /**
     * 500 naming the rule that failed, when the engine says which; the exception itself goes to the log only,
     * under an incident id the message gives.
     */
    static ApiError failed(RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("incident {}: an evaluation failed", incident, e);
        Matcher rule = FAILED_RULE.matcher(String.valueOf(e.getMessage()));
        String which = rule.find() ? "the rule \"" + rule.group(1) + "\" failed on this application"
                : "the rules failed on this application";
        return new ApiError(500, ApiError.EVALUATION_FAILED, which + "; the operator can find incident " + incident
                + " in the service's log");
    }
}
