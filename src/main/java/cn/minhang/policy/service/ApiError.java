package cn.minhang.policy.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.minhang.policy.io.ProblemsJson;
import cn.minhang.policy.model.Problem;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the service refuses, answered with its HTTP status and the project's error document
 * ({@code {"error": …, "problems": [{"path": …, "message": …}]}}, docs/json-contract.md). Handlers throw it;
 * {@link Routes} writes it. The {@code error} values are the constants below and {@link ProblemsJson}'s.
 */
public final class ApiError extends RuntimeException {
    public static final String INVALID_REQUEST = "invalid request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String FORBIDDEN = "forbidden";
    public static final String NOT_FOUND = "not found";
    public static final String METHOD_NOT_ALLOWED = "method not allowed";
    public static final String REQUEST_TIMEOUT = "request timeout";
    public static final String TOO_LARGE = "request too large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported media type";
    public static final String TOO_MANY_REQUESTS = "too many requests";
    public static final String TIME_LIMIT = "time limit exceeded";
    public static final String NOT_READY = "not ready";
    public static final String INTERNAL = "internal error";
    /** As in a batch line: the rules failed on a valid application. */
    public static final String EVALUATION_FAILED = "evaluation failed";

    private final int status;
    private final String error;
    private final List<Problem> problems;
    private final Map<String, String> headers;

    public ApiError(int status, String error, List<Problem> problems, Map<String, String> headers) {
        super(error + ": " + (problems.isEmpty() ? "" : problems.get(0).message()), null, false, false);
        this.status = status;
        this.error = error;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    public ApiError(int status, String error, String message) {
        this(status, error, List.of(new Problem("$", message)), Map.of());
    }

    /** 400 with every problem of the application, each at its path. */
    public static ApiError invalidApplication(List<Problem> problems) {
        return new ApiError(400, ProblemsJson.INVALID_APPLICATION, problems, Map.of());
    }

    /** 400 for the request rather than the application (a query parameter, a header); the message names it. */
    public static ApiError invalidRequest(String path, String message) {
        return new ApiError(400, INVALID_REQUEST, List.of(new Problem(path, message)), Map.of());
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, TOO_LARGE, message);
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, UNSUPPORTED_MEDIA_TYPE, message);
    }

    /** 429 or 503 with Retry-After in whole seconds. */
    public static ApiError retryLater(int status, String error, String message, long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
        return new ApiError(status, error, List.of(new Problem("$", message)), headers);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Headers to send with it, such as Retry-After or WWW-Authenticate. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The error document. */
    public ObjectNode document() {
        return ProblemsJson.document(error, null, problems);
    }
}
