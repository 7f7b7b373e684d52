package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.http.OpenApiDocument;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a page on another origin needs: CORS on the API and on Blob Storage, and the published contract. */
class BrowserReadinessE2ETest {

    private static final String PAGE = "http://localhost:5173";
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final HttpClient raw = HttpClient.newHttpClient();

    @Test
    void theApiAnswersAPreflightFromALocalPageAndExposesThePollingHeaders() throws Exception {
        HttpResponse<String> preflight = raw.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/uploads"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                .contains("authorization", "content-type");

        String token = host.tokens().mint("cors-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(5));
        HttpResponse<String> created = api.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/uploads"))
                .header("Origin", PAGE).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":10}")).build());
        assertThat(created.headers().firstValue("Access-Control-Allow-Origin")).contains(PAGE);
        assertThat(created.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .contains("Location", "Retry-After");

        String sasUrl = ApiClient.json(created).get("uploadUrl").asText();
        HttpResponse<String> storagePreflight = raw.send(HttpRequest.newBuilder(URI.create(sasUrl))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", PAGE)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "x-ms-blob-type,x-ms-meta-correlationid,x-ms-version,content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(storagePreflight.statusCode()).as("Azurite's preflight for the SAS PUT").isEqualTo(200);
        assertThat(storagePreflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void aForeignOriginGetsNoGrant() throws Exception {
        HttpResponse<String> preflight = raw.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/uploads"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theOpenApiDocumentIsServedWithoutAToken() {
        HttpResponse<String> document = api.get(null, "/api/openapi.json");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).isEqualTo(OpenApiDocument.text());
        JsonNode parsed = ApiClient.json(document);
        assertThat(parsed.get("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void theWebAppIsServedAtTheRoot() {
        HttpResponse<byte[]> page = api.download(host.baseUrl() + "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }
}
