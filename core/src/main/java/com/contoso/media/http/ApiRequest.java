package com.contoso.media.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as the services see it, whichever host received it (Functions or the local runtime).
 * Header names are case-insensitive; {@code baseUrl} is scheme://host[:port] as the caller addressed us.
 */
public record ApiRequest(String method, String baseUrl, Map<String, String> headers,
                         Map<String, String> query, String body) {

    public ApiRequest {
        TreeMap<String, String> normalised = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        normalised.putAll(headers);
        headers = normalised;
        query = Map.copyOf(query);
        body = body == null ? "" : body;
        method = method.toUpperCase(Locale.ROOT);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }
}
