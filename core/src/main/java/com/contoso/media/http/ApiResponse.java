package com.contoso.media.http;

import com.contoso.media.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** A host-neutral HTTP response; the Functions and local-runtime adapters copy it onto their own types. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), Json.write(value));
    }

    /** A report's rows as CSV, for callers that sent {@code Accept: text/csv}. */
    public static ApiResponse csv(String body) {
        return new ApiResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8"), body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), "");
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }
}
