package cn.minhang.policy.service.handlers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import cn.minhang.policy.batch.BatchLines;
import cn.minhang.policy.batch.LineInput;
import cn.minhang.policy.batch.NumberedLine;
import cn.minhang.policy.batch.OrderedPipeline;
import cn.minhang.policy.engine.PolicyEngine;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.EvaluationPool;
import cn.minhang.policy.service.Http;
import cn.minhang.policy.service.PolicyService;
import cn.minhang.policy.service.ServiceMetrics;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * {@code POST /v1/batch}: JSONL in, JSONL out, exactly the lines of {@code ./policy batch} (docs/json-contract.md,
 * "Batch lines"): one output line per input line, in input order, each with {@code "line": N}.
 *
 * <p>It streams in constant memory: lines are read from the request one at a time and evaluated on
 * {@link cn.minhang.policy.service.ServiceConfig#batchThreads()} threads, with a bounded window of lines in flight
 * that are written out in order as they are done, so the first decisions go out while the rest of the input is
 * still arriving. The whole batch is made by the rules serving when it starts, named in the
 * {@value Http#RULES_VERSION_HEADER} header and in every line; a reload during the batch does not change them. A
 * line over 1 MiB is skipped to its line break and answered with its error line. A batch that runs past
 * {@link cn.minhang.policy.service.ServiceConfig#batchTimeLimit()} stops reading and ends with one error document
 * without a line number ({@code "error": "time limit exceeded"}), since its status was sent with the first line.
 */
public final class BatchHandler implements Handler {
    private static final long FLUSH_NANOS = 100_000_000L;
    static final List<String> TYPES = List.of(Http.NDJSON, "application/jsonl", "application/x-jsonlines");

    private final PolicyService service;

    public BatchHandler(PolicyService service) {
        this.service = service;
    }

    @Override
    public void handle(Context ctx) throws IOException {
        Instant at = Http.instant(ctx, "at");
        PolicyEngine serving = service.rules().engine();
        Http.requireContentType(ctx, TYPES);
        // One version for the whole batch: the rules serving now, whatever a reload does meanwhile.
        PolicyEngine engine = PolicyEngine.of(serving.rules());
        String version = engine.rules().version();
        ServiceMetrics metrics = service.metrics();
        int threads = service.config().batchThreads();
        long deadline = System.nanoTime() + service.config().batchTimeLimit().toNanos();
        try (EvaluationPool.Permit permit = service.evaluations().acquire();
             Http.Deadline cutOffForGood = service.deadline(ctx, service.config().batchTimeLimit()
                     .plus(service.config().timeLimit()))) {
            ctx.status(200).contentType(Http.NDJSON + ";charset=utf-8").header(Http.RULES_VERSION_HEADER, version);
            OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 1 << 15);
            long lines = 0;
            boolean cutOff = false;
            long[] flushed = {System.nanoTime()};
            try (LineInput in = LineInput.of(ctx.req().getInputStream(), -1);
                 OrderedPipeline<NumberedLine, BatchLines.Outcome> pipeline = new OrderedPipeline<>(threads,
                         OrderedPipeline.defaultWindow(threads),
                         n -> BatchLines.evaluate(engine, n.number(), n.line(), at),
                         o -> {
                             metrics.batchLine(o);
                             write(out, o.bytes());
                             // Lines leave at least every 100 ms, not only when a buffer fills.
                             if (System.nanoTime() - flushed[0] > FLUSH_NANOS) {
                                 flush(out);
                                 flushed[0] = System.nanoTime();
                             }
                         })) {
                LineInput.Line line;
                while ((line = in.next()) != null) {
                    if (System.nanoTime() > deadline) {
                        cutOff = true;
                        break;
                    }
                    pipeline.submit(new NumberedLine(++lines, line));
                }
                pipeline.finish();
            }
            if (cutOff) {
                write(out, DecisionJson.compact(new ApiError(503, ApiError.TIME_LIMIT, "the batch ran past its "
                        + "limit of " + service.config().batchTimeLimit().toSeconds() + " s; the lines after line "
                        + lines + " were not evaluated").document()).getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(OutputStream out, byte[] line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
