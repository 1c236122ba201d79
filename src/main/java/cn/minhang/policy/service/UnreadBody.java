package cn.minhang.policy.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/**
 * The part of a request's body that the service did not read because it refused the request first (too large, of
 * another type, without a token, with no place free, not ready).
 *
 * <p>Closing a connection while the client is still sending makes the kernel reset it, and a reset can overtake the
 * answer already sent: the client sees "connection reset" instead of its 413 or 415. So the answer is sent at once
 * and what the client goes on sending is then read and dropped (RFC 9112, 9.6), up to {@link #drainLimit} bytes and
 * within the body time limit. A body declared larger than that, or one that goes on past it, has its connection
 * closed as before: reading it would cost more than the refusal saved.
 */
final class UnreadBody {
    private static final String READ_WHOLE = UnreadBody.class.getName() + ".readWhole";

    private UnreadBody() {
    }

    /** Records that the handler read the body to its end: nothing remains to drain. */
    static void readWhole(Context ctx) {
        ctx.attribute(READ_WHOLE, Boolean.TRUE);
    }

    /** The most that is read and dropped after a refusal: four bodies of the largest size accepted. */
    static long drainLimit(ServiceConfig config) {
        return 4L * config.maxBodyBytes();
    }

    /**
     * True when the request declares a body (a length over zero, or chunks) that no handler has read to its end.
     */
    static boolean remains(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(READ_WHOLE))) {
            return false;
        }
        String encoding = ctx.req().getHeader("Transfer-Encoding");
        return ctx.req().getContentLengthLong() > 0
                || encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /**
     * Sends {@code document} as the JSON answer now, then reads and drops the rest of the body. When the body is declared
     * larger than {@link #drainLimit}, or turns out to be, or does not arrive within the body time limit, the
     * connection is closed after the answer instead.
     */
    static void answerThenDrain(Context ctx, PolicyService service, int status, JsonNode document) {
        long limit = drainLimit(service.config());
        if (ctx.req().getContentLengthLong() > limit) {
            ctx.header("Connection", "close");
            Http.json(ctx, status, document);
            return;
        }
        byte[] bytes = Http.document(document).getBytes(StandardCharsets.UTF_8);
        ctx.status(status).contentType(Http.JSON_UTF8);
        ctx.res().setContentLength(bytes.length);
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            return;  // the client is gone: there is no one to answer and nothing to drain for
        }
        drain(ctx, service, limit);
    }

    private static void drain(Context ctx, PolicyService service, long limit) {
        byte[] buffer = new byte[1 << 16];
        long read = 0;
        try (Http.Deadline deadline = service.deadline(ctx, service.config().bodyTimeLimit())) {
            InputStream in = ctx.req().getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
                if (read > limit) {
                    return;  // more than is worth reading: Jetty closes the connection after the answer
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client closed, or the time limit closed the connection: the answer was sent already.
        }
    }
}
