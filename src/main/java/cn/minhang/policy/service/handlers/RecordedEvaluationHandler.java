package cn.minhang.policy.service.handlers;

import java.util.List;

import cn.minhang.policy.engine.Decision;
import cn.minhang.policy.model.Application;
import cn.minhang.policy.model.InvalidApplicationException;
import cn.minhang.policy.records.IdempotencyConflictException;
import cn.minhang.policy.records.RecordJson;
import cn.minhang.policy.records.Recorder;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import cn.minhang.policy.service.Routes;
import cn.minhang.policy.service.ServiceMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/records} (role SUBMIT): evaluates one application and answers its record, decision included,
 * only once the record is committed (docs/records.md). {@code Idempotency-Key} makes a retry return the record
 * of the first attempt (200); the same key with another application is refused (409). A new record is 201 with
 * its {@code Location}.
 */
public final class RecordedEvaluationHandler implements Handler {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private final PolicyService service;

    public RecordedEvaluationHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) {
        String key = key(ctx.header(IDEMPOTENCY_KEY));
        service.rules();  // 503 while no rules serve
        Http.requireContentType(ctx, List.of(Http.JSON));
        ServiceMetrics metrics = service.metrics();
        Application application = EvaluateHandler.read(Http.body(ctx, service), metrics);
        Recorder recorder = service.records().recorder();
        Recorder.Outcome outcome;
        try {
            outcome = recorder.record(key, application, work -> service.evaluations().run(() -> {
                Decision decision;
                try {
                    decision = work.get();
                } catch (InvalidApplicationException e) {
                    metrics.invalid();
                    throw ApiError.invalidApplication(e.problems());
                } catch (RuntimeException e) {
                    metrics.failed();
                    throw EvaluateHandler.failed(e);
                }
                metrics.decision(decision);
                return decision;
            }));
        } catch (IdempotencyConflictException e) {
            throw new ApiError(409, ApiError.CONFLICT, "the Idempotency-Key '" + RecordQueries.clip(e.key())
                    + "' was used for another application, record " + e.recordId()
                    + "; use a new key for a new application");
        }
        ctx.header(Http.RULES_VERSION_HEADER, outcome.record().rulesVersion());
        ctx.header("Location", Routes.API + "/records/" + outcome.record().id());
        Http.json(ctx, outcome.created() ? 201 : 200, RecordJson.record(outcome.record()));
    }

    /** The key: absent is none; otherwise 1 to 255 printable ASCII characters. */
    private static String key(String header) {
        if (header == null) {
            return null;
        }
        boolean printable = !header.isEmpty() && header.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (!printable || header.length() > Recorder.MAX_KEY_LENGTH) {
            throw ApiError.invalidRequest("$", "the header " + IDEMPOTENCY_KEY + " must have 1 to "
                    + Recorder.MAX_KEY_LENGTH + " printable ASCII characters without spaces");
        }
        return header;
    }
}
