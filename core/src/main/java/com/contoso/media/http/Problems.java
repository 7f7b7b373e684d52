package com.contoso.media.http;

import com.contoso.media.json.Json;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns failures into {@code application/problem+json} (RFC 9457). */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final int RETRY_AFTER_UNAVAILABLE_SECONDS = 5;

    private Problems() {
    }

    public static ApiResponse of(ProblemException problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:problem:media:" + problem.code());
        body.put("title", title(problem.status()));
        body.put("status", problem.status());
        body.put("code", problem.code());
        body.put("detail", problem.getMessage());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/problem+json");
        if (problem.status() == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        headers.putAll(problem.headers());
        return new ApiResponse(problem.status(), headers, Json.write(body));
    }

    /**
     * Runs a handler, answering refusals with their problem, a dependency that cannot be reached (a store or the bus
     * down) with a 503 and {@code Retry-After}, and anything else unexpected with a 500 that leaks nothing.
     */
    public static ApiResponse handle(Supplier<ApiResponse> handler) {
        try {
            return handler.get();
        } catch (ProblemException problem) {
            return of(problem);
        } catch (RuntimeException unexpected) {
            if (unreachable(unexpected)) {
                LOG.warn("request failed: a dependency is unreachable: {}", unexpected.toString());
                return of(new ProblemException(503, "dependency_unavailable",
                        "A service this API depends on cannot be reached; retry shortly.")
                        .withHeader("Retry-After", String.valueOf(RETRY_AFTER_UNAVAILABLE_SECONDS)));
            }
            LOG.error("request failed", unexpected);
            return of(new ProblemException(500, "internal_error", "The request could not be completed; retry later."));
        }
    }

    /** Whether the failure comes from not reaching a dependency at all: refused, unresolvable, or timed out. */
    static boolean unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Request refused";
        };
    }
}
