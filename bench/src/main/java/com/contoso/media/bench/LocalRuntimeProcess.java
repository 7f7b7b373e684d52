package com.contoso.media.bench;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The local runtime in its own JVM, as users run it, so the load generator does not share its heap or cores'
 * scheduling with the server it measures. Also the small HTTP client the benchmarks drive it with.
 */
final class LocalRuntimeProcess implements AutoCloseable {

    private static final int PORT = 7181;
    /** The tenant of the bench's token. */
    static final String TENANT = "bench";

    final HttpClient http = HttpClient.newHttpClient();
    final String baseUrl = "http://127.0.0.1:" + PORT;
    final String token;
    private final Process process;

    private LocalRuntimeProcess(Process process, String token) {
        this.process = process;
        this.token = token;
    }

    static LocalRuntimeProcess start(String devhostJar) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("bench");
        // Written before the host starts, so both processes sign and verify with the same dev key.
        DevTokenIssuer tokens = DevTokenIssuer.loadOrCreate(dataDir.resolve("dev-signing-key.json"));
        ProcessBuilder launcher = new ProcessBuilder("java", "-Xlog:gc:file=" + dataDir.resolve("gc.log"), "-jar", devhostJar)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("devhost.log").toFile());
        launcher.environment().put("DEVHOST_PORT", String.valueOf(PORT));
        launcher.environment().put("DEVHOST_DATA_DIR", dataDir.toString());
        launcher.environment().put("LOG_LEVEL", "WARN");
        LocalRuntimeProcess runtime = new LocalRuntimeProcess(launcher.start(), tokens.mint(TENANT, Duration.ofHours(2)));
        runtime.awaitHealthy();
        System.out.println("local runtime logs: " + dataDir);
        return runtime;
    }

    JsonNode createUpload(String fileName, String contentType, long sizeBytes) throws IOException, InterruptedException {
        return createUpload(Map.of("fileName", fileName, "contentType", contentType, "sizeBytes", sizeBytes));
    }

    /** {@code POST /api/uploads} with this body (e.g. with {@code transcode} options). */
    JsonNode createUpload(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("create answered " + created.statusCode() + ": " + created.body());
        }
        return Json.read(created.body(), JsonNode.class);
    }

    void put(JsonNode created, Path file) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        for (Iterator<Map.Entry<String, JsonNode>> it = created.get("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            put.header(header.getKey(), header.getValue().asText());
        }
        HttpResponse<Void> response = http.send(put.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("PUT answered " + response.statusCode());
        }
    }

    JsonNode awaitTerminal(String statusUrl) throws IOException, InterruptedException {
        return awaitTerminal(statusUrl, status -> { });
    }

    /** Polls every 50 ms until the upload is terminal; {@code seen} gets every status on the way. */
    JsonNode awaitTerminal(String statusUrl, Consumer<JsonNode> seen) throws IOException, InterruptedException {
        HttpRequest poll = HttpRequest.newBuilder(URI.create(statusUrl)).header("Authorization", "Bearer " + token).build();
        while (true) {
            HttpResponse<String> response = http.send(poll, HttpResponse.BodyHandlers.ofString());
            JsonNode status = Json.read(response.body(), JsonNode.class);
            seen.accept(status);
            if (response.statusCode() == 200) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    private void awaitHealthy() throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("local runtime did not start");
    }

    /** The runtime's process, for its memory figures. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
