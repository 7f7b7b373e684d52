package com.contoso.media.http;

import com.contoso.media.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns failures into {@code application/problem+json} (RFC 9457). */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

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
        return new ApiResponse(problem.status(), headers, Json.write(body));
    }

    /** Runs a handler, answering refusals with their problem and anything unexpected with a 500 that leaks nothing. */
    public static ApiResponse handle(Supplier<ApiResponse> handler) {
        try {
            return handler.get();
        } catch (ProblemException problem) {
            return of(problem);
        } catch (RuntimeException unexpected) {
            LOG.error("request failed", unexpected);
            return of(new ProblemException(500, "internal_error", "The request could not be completed; retry later."));
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Request refused";
        };
    }
}
