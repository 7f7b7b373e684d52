package com.contoso.media.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the HTTP API ({@code core/src/main/resources/openapi.json}), served as it is by both
 * hosts at {@code GET /api/openapi.json}, without a token. The end-to-end suites validate every request and response
 * they make against it, so it cannot drift from the code.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "/openapi.json";
    private static final String TEXT = load();

    private OpenApiDocument() {
    }

    public static String text() {
        return TEXT;
    }

    public static ApiResponse response() {
        return new ApiResponse(200, Map.of("Content-Type", "application/json", "Cache-Control", "public, max-age=300"),
                TEXT);
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
