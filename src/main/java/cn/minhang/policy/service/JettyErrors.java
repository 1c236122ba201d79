package cn.minhang.policy.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import cn.minhang.policy.io.DecisionJson;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors the server itself answers before a route is reached (a malformed request line, headers too large, a
 * bad URI): the project's error document too, never Jetty's HTML page and never a stack trace.
 */
final class JettyErrors extends ErrorHandler {
    JettyErrors() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        String error = switch (status) {
            case 400 -> ApiError.INVALID_REQUEST;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            case 408 -> ApiError.REQUEST_TIMEOUT;
            case 413 -> ApiError.TOO_LARGE;
            case 415 -> ApiError.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ApiError.TOO_MANY_REQUESTS;
            case 431 -> ApiError.TOO_LARGE;
            case 503 -> ApiError.NOT_READY;
            default -> status < 500 ? ApiError.INVALID_REQUEST : ApiError.INTERNAL;
        };
        String reason = HttpStatus.getMessage(status);
        String body = DecisionJson.pretty(new ApiError(status, error, "the request was refused by the server: "
                + status + " " + reason).document()) + "\n";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
