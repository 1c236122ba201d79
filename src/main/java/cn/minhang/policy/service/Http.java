package cn.minhang.policy.service;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import cn.minhang.policy.engine.Language;
import cn.minhang.policy.io.DecisionJson;
import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

/** What the handlers share: reading a bounded body, checking its type, reading parameters, answering JSON. */
public final class Http {
    public static final String JSON = "application/json";
    public static final String JSON_UTF8 = "application/json;charset=utf-8";
    public static final String NDJSON = "application/x-ndjson";
    /** Names the rules that answered, on every response that evaluates. */
    public static final String RULES_VERSION_HEADER = "Policy-Rules-Version";

    private Http() {
    }

    /** Answers {@code document} as JSON (indented, as {@code ./policy evaluate --json} prints it). */
    public static void json(Context ctx, int status, JsonNode document) {
        ctx.status(status).contentType(JSON_UTF8).result(document(document));
    }

    /** A JSON document as the service sends it: indented, with a final newline. */
    static String document(JsonNode document) {
        return DecisionJson.pretty(document) + "\n";
    }

    /**
     * Checks that the body is of one of {@code types} (parameters other than charset=utf-8 aside), and not
     * compressed: a gzipped body would otherwise be read as an application that is not valid UTF-8.
     *
     * @throws ApiError 415 otherwise
     */
    public static void requireContentType(Context ctx, List<String> types) {
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            // RFC 9110, 15.5.16: a content coding the server does not take is 415, with the codings it takes
            throw new ApiError(415, ApiError.UNSUPPORTED_MEDIA_TYPE, List.of(new Problem("$", "the body must be sent "
                    + "uncompressed, not with Content-Encoding " + clip(encoding.strip()))),
                    Map.of("Accept-Encoding", "identity"));
        }
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) {
            throw ApiError.unsupportedMediaType("the body must be sent as " + String.join(" or ", types)
                    + "; no Content-Type was given");
        }
        String[] parts = header.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!types.contains(type)) {
            throw ApiError.unsupportedMediaType("the body must be sent as " + String.join(" or ", types) + ", not "
                    + clip(type));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].strip().equalsIgnoreCase("charset")
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw ApiError.unsupportedMediaType("the body must be UTF-8, not " + clip(parameter[1].strip()));
            }
        }
    }

    /**
     * The body of one document, at most {@link ServiceConfig#maxBodyBytes()}: a declared length over it is refused
     * before anything is read, and a body without a declared length is read to at most one byte more than the
     * limit. A body that has not arrived whole within {@link ServiceConfig#bodyTimeLimit()} (a client trickling it
     * in) is answered 408 at the first bytes that arrive after the limit, while its connection is still open to carry
     * the answer; one that stops arriving altogether is ended by the idle timeout, also with a 408, and a connection
     * still busy a whole idle timeout past the limit is closed, so that no client can hold a thread longer.
     *
     * @throws ApiError 413 when it is larger, 408 when it took too long
     */
    public static byte[] body(Context ctx, PolicyService service) {
        int maxBytes = service.config().maxBodyBytes();
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            ctx.header("Connection", "close");
            throw ApiError.tooLarge("the body is " + declared + " bytes; at most " + maxBytes + " are accepted");
        }
        Duration limit = service.config().bodyTimeLimit();
        long ends = System.nanoTime() + limit.toNanos();
        // The stream is the container's: it stays open, so that the rest of a body too large can be drained.
        try (Deadline backstop = service.deadline(ctx, limit.plus(service.config().idleTimeout()))) {
            InputStream in;
            try {
                in = ctx.req().getInputStream();
            } catch (IOException e) {
                throw connectionFailed();
            }
            byte[] bytes = new byte[(int) Math.min(maxBytes + 1L, declared >= 0 ? declared + 1 : 8192)];
            int count = 0;
            while (true) {
                if (count == bytes.length) {
                    if (count > maxBytes) {
                        break;
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes + 1L, 2L * bytes.length));
                }
                int n;
                try {
                    n = in.read(bytes, count, bytes.length - count);
                } catch (IOException e) {
                    if (backstop.expired() || System.nanoTime() - ends >= 0 || timedOut(e)) {
                        throw tooSlow(ctx, limit);
                    }
                    throw connectionFailed();
                }
                if (n < 0) {
                    break;
                }
                count += n;
                if (System.nanoTime() - ends >= 0 && (declared < 0 || count < declared)) {
                    throw tooSlow(ctx, limit);
                }
            }
            if (count > maxBytes) {
                ctx.header("Connection", "close");
                throw ApiError.tooLarge("the body is more than " + maxBytes + " bytes; at most " + maxBytes
                        + " are accepted");
            }
            UnreadBody.readWhole(ctx);
            return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
        }
    }

    private static ApiError connectionFailed() {
        return new ApiError(400, ApiError.INVALID_REQUEST, "the body could not be read: the connection failed");
    }

    private static ApiError tooSlow(Context ctx, Duration limit) {
        ctx.header("Connection", "close");
        return new ApiError(408, ApiError.REQUEST_TIMEOUT, "the body did not arrive whole within " + limit.toMillis()
                + " ms");
    }

    /** Whether a failed read is the connection's idle timeout (Jetty fails the read with a TimeoutException). */
    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A time limit on a request's connection: when it passes before {@link #close()}, the connection is closed, which
     * ends a read that is waiting for a slow client.
     */
    public interface Deadline extends AutoCloseable {
        /** True once the time ran out and the connection was closed. */
        boolean expired();

        @Override
        void close();
    }

    /** {@code ?lang=zh|en}, default zh. */
    public static Language language(Context ctx) {
        String value = ctx.queryParam("lang");
        if (value == null || value.isEmpty()) {
            return Language.ZH;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "zh" -> Language.ZH;
            case "en" -> Language.EN;
            default -> throw ApiError.invalidRequest("$", "the query parameter lang must be zh or en, was "
                    + clip(value));
        };
    }

    /**
     * {@code ?NAME=INSTANT}: the evaluation time to write in the audit ({@code 2026-07-01T09:00:00Z}), to reproduce
     * a document byte for byte; null when absent (the time of each evaluation).
     */
    public static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidRequest("$", "the query parameter " + name + " must be an instant such as "
                    + "2026-07-01T09:00:00Z, was " + clip(value));
        }
    }

    /** A query flag: absent, "false" or "0" is false; present empty, "true" or "1" is true. */
    public static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "", "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiError.invalidRequest("$", "the query parameter " + name + " must be true or false, was "
                    + clip(value));
        };
    }

    /**
     * Reads a request's query parameters and names every one that is out of range, not only the first: each is
     * read through {@link #read}, and {@link #check} refuses the request with all of their problems.
     */
    public static final class Parameters {
        private final List<Problem> problems = new ArrayList<>();

        /** The parameter {@code reader} reads, or {@code otherwise} when it is out of range (its problem kept). */
        public <T> T read(Supplier<T> reader, T otherwise) {
            try {
                return reader.get();
            } catch (ApiError e) {
                if (e.status() != 400) {
                    throw e;
                }
                problems.addAll(e.problems());
                return otherwise;
            }
        }

        /** True while every parameter read so far is in range. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** @throws ApiError 400 with every problem, if a parameter was out of range */
        public void check() {
            if (!problems.isEmpty()) {
                throw new ApiError(400, ApiError.INVALID_REQUEST, problems, Map.of());
            }
        }
    }

    /** Text from the request, quoted in a message: escaped and cut, like the reader's messages. */
    static String clip(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        long length = text.codePoints().count();
        return "'" + out + "'" + (length > 60 ? "… (" + length + " characters)" : "");
    }
}
