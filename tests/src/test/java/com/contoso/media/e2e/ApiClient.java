package com.contoso.media.e2e;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.blob.specialized.SpecializedBlobClientBuilder;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A plain HTTP client speaking the public contract, as a tenant's front-end would. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> createUpload(String token, String body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + "/api/uploads")), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> createUpload(String token, String fileName, String contentType, long sizeBytes) {
        return createUpload(token, Json.write(Map.of("fileName", fileName, "contentType", contentType,
                "sizeBytes", sizeBytes)));
    }

    HttpResponse<String> get(String token, String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token).GET().build());
    }

    /** Any method with a JSON body (POST, PATCH...). */
    HttpResponse<String> call(String method, String token, String path, String jsonBody) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    /** A POST whose body is a file of {@code contentType} rather than JSON (a caption track). */
    HttpResponse<String> postFile(String token, String path, String contentType, byte[] body) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    HttpResponse<String> delete(String token, String path) {
        return send(authorized(HttpRequest.newBuilder(URI.create(baseUrl + path)), token).DELETE().build());
    }

    /** PUTs the bytes to the SAS URL with the headers the create response listed. */
    HttpResponse<String> putBlob(JsonNode created, byte[] bytes) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (Iterator<Map.Entry<String, JsonNode>> it = created.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            put.header(header.getKey(), header.getValue().asText());
        }
        return send(put.build());
    }

    /** Sends {@code bytes} as 2 MiB blocks and commits them, through the SAS URL alone, as a browser uploader does. */
    static void putInBlocks(String sasUrl, byte[] bytes, String contentType) {
        BlockBlobClient blob = new SpecializedBlobClientBuilder().endpoint(sasUrl).buildBlockBlobClient();
        int blockSize = 2 * 1024 * 1024;
        List<String> blockIds = new ArrayList<>();
        for (int offset = 0, n = 0; offset < bytes.length; offset += blockSize, n++) {
            String id = Base64.getEncoder().encodeToString(String.format("block-%06d", n).getBytes(StandardCharsets.US_ASCII));
            blob.stageBlock(id, BinaryData.fromBytes(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + blockSize))));
            blockIds.add(id);
        }
        blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(blockIds)
                .setHeaders(new BlobHttpHeaders().setContentType(contentType)), null, null);
    }

    /** GETs any URL (Blob Storage, or the API's playback route) as bytes. */
    HttpResponse<byte[]> download(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (isApi(request)) {
            OpenApiContract.check(apiBase(), request, "", CannedResponse.of(response));
        }
        return response;
    }

    /** Polls the status URL, honouring Retry-After loosely, until it answers 200 or the time is up. */
    JsonNode awaitTerminal(String token, String statusUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = send(authorized(HttpRequest.newBuilder(URI.create(statusUrl)), token)
                    .GET().build());
            if (response.statusCode() == 200) {
                return json(response);
            }
            if (response.statusCode() != 202 || Instant.now().isAfter(deadline)) {
                throw new AssertionError("upload did not finish: " + response.statusCode() + " " + response.body());
            }
            sleep(100);
        }
    }

    /** Polls until the upload reports {@code status} (terminal or not). */
    JsonNode awaitStatus(String token, String statusUrl, String status, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode body = json(send(authorized(HttpRequest.newBuilder(URI.create(statusUrl)), token).GET().build()));
            if (status.equals(body.path("status").asText()) || Instant.now().isAfter(deadline)) {
                return body;
            }
            sleep(100);
        }
    }

    /** The usage report's totals once they count {@code uploads} uploads, or as they are when the time is up. */
    JsonNode awaitUsageUploads(String token, long uploads, Duration timeout) {
        return awaitUsageTotal(token, "uploads", uploads, timeout);
    }

    /** The usage report's totals once {@code counter} reaches {@code atLeast}, or as they are when the time is up. */
    JsonNode awaitUsageTotal(String token, String counter, long atLeast, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode totals = json(get(token, "/api/reports/usage")).get("totals");
        while (totals.get(counter).asLong() < atLeast && Instant.now().isBefore(deadline)) {
            sleep(250);
            totals = json(get(token, "/api/reports/usage")).get("totals");
        }
        return totals;
    }

    /** Sends a request; one to the API is checked, with its answer, against the published OpenAPI document. */
    HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        if (isApi(request)) {
            OpenApiContract.check(apiBase(), request, RequestBody.of(request), response);
        }
        return response;
    }

    private boolean isApi(HttpRequest request) {
        return request.uri().toString().startsWith(apiBase() + "/");
    }

    private String apiBase() {
        return baseUrl + "/api";
    }

    /** The upload's output of {@code kind} ("original", "hls", "thumbnail"…). */
    static JsonNode output(JsonNode upload, String kind) {
        for (JsonNode output : upload.get("outputs")) {
            if (output.get("kind").asText().equals(kind)) {
                return output;
            }
        }
        throw new AssertionError("no " + kind + " output in " + upload);
    }

    /** Each of the upload's outputs as {@code kind:label} ("rendition:360p", "thumbnail:640x360"…). */
    static List<String> outputLabels(JsonNode upload) {
        List<String> labels = new ArrayList<>();
        upload.get("outputs").forEach(output -> labels.add(output.get("kind").asText() + ":" + output.get("label").asText()));
        return labels;
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.read(response.body(), JsonNode.class);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
