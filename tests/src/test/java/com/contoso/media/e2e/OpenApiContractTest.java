package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself: what it must refuse, so the suites that pass through it prove something. */
class OpenApiContractTest {

    private static final String API = "http://127.0.0.1:7071/api";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));
    private static final String UPLOAD = "{\"uploadId\":\"u1\",\"status\":\"Succeeded\",\"progress\":{\"percent\":100},"
            + "\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":8,\"createdAt\":\"2026-01-01T00:00:00Z\","
            + "\"updatedAt\":\"2026-01-01T00:00:00Z\",\"tags\":[],\"metadata\":{},\"outputs\":[]}";

    @Test
    void aDocumentedExchangePasses() {
        HttpRequest get = authorized("/uploads/u1").GET().build();

        assertThatCode(() -> OpenApiContract.check(API, get, "", CannedResponse.of(get, 200, JSON, UPLOAD)))
                .doesNotThrowAnyException();
    }

    @Test
    void aBodyThatBreaksItsSchemaIsRefused() {
        HttpRequest get = authorized("/uploads/u1").GET().build();
        String missingStatus = UPLOAD.replace("\"status\":\"Succeeded\",", "");

        assertThatThrownBy(() -> OpenApiContract.check(API, get, "", CannedResponse.of(get, 200, JSON, missingStatus)))
                .hasMessageContaining("status");
    }

    @Test
    void anUndocumentedStatusOrRouteIsRefused() {
        HttpRequest get = authorized("/uploads/u1").GET().build();
        HttpRequest unknown = authorized("/nothing-here").GET().build();

        assertThatThrownBy(() -> OpenApiContract.check(API, get, "", CannedResponse.of(get, 418, JSON, "{}")))
                .hasMessageContaining("status not in the document");
        assertThatThrownBy(() -> OpenApiContract.check(API, unknown, "", CannedResponse.of(unknown, 200, JSON, "{}")))
                .hasMessageContaining("undocumented route");
    }

    @Test
    void aPollAnsweredWithoutRetryAfterIsRefused() {
        HttpRequest get = authorized("/uploads/u1").GET().build();
        String working = UPLOAD.replace("Succeeded", "Processing");

        assertThatThrownBy(() -> OpenApiContract.check(API, get, "", CannedResponse.of(get, 202, Map.of(
                "Content-Type", List.of("application/json"), "Location", List.of(API + "/uploads/u1")), working)))
                .hasMessageContaining("Retry-After");
    }

    @Test
    void aRequestTheDocumentForbidsMustNotBeAccepted() {
        String body = "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":0}";
        HttpRequest post = authorized("/uploads").POST(HttpRequest.BodyPublishers.ofString(body)).build();

        assertThatThrownBy(() -> OpenApiContract.check(API, post, body, CannedResponse.of(post, 201, JSON, "{}")))
                .hasMessageContaining("forbids the request");
    }

    private static HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(API + path)).header("Authorization", "Bearer t");
    }
}
