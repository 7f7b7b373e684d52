package com.contoso.media.bench;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.json.Json;
import com.contoso.media.storage.AccountKeySasSigner;
import com.contoso.media.storage.BlobMediaStore;
import com.contoso.media.storage.BlobRef;
import com.contoso.media.storage.UploadTarget;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side measurements of the upload spine on the local runtime and Azurite:
 * 1. SAS PUT of 200 MB through the API flow (create + PUT to the returned URL) vs a raw PUT to Azurite with a
 *    SAS signed directly, alternating runs, medians compared as a ratio (goal >= 0.95);
 * 2. status-poll latency at a fixed open-loop rate of 200 req/s (goal p99 < 10 ms).
 */
public final class UploadBench {

    private static final long FILE_BYTES = 200L * 1024 * 1024;
    private static final int ROUNDS = 5;
    private static final int POLL_RATE_PER_SECOND = 200;
    private static final int POLL_SECONDS = 10;

    private static final int PORT = 7181;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl = "http://127.0.0.1:" + PORT;
    private final String token;

    private UploadBench(DevTokenIssuer tokens) {
        this.token = tokens.mint("bench", Duration.ofHours(1));
    }

    /** The local runtime runs in its own JVM, as users run it, so the load generator does not share its heap. */
    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createTempDirectory("bench");
        // Written before the host starts, so both processes sign and verify with the same dev key.
        DevTokenIssuer tokens = DevTokenIssuer.loadOrCreate(dataDir.resolve("dev-signing-key.json"));
        ProcessBuilder launcher = new ProcessBuilder("java", "-Xlog:gc:file=" + dataDir.resolve("gc.log"), "-jar", args[0])
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("devhost.log").toFile());
        launcher.environment().put("DEVHOST_PORT", String.valueOf(PORT));
        launcher.environment().put("DEVHOST_DATA_DIR", dataDir.toString());
        launcher.environment().put("LOG_LEVEL", "WARN");
        Process host = launcher.start();
        try {
            UploadBench bench = new UploadBench(tokens);
            bench.awaitHealthy();
            bench.putThroughput();
            bench.pollLatency();
        } finally {
            host.destroy();
            System.out.println("host GC log: " + dataDir.resolve("gc.log"));
        }
        System.exit(0);
    }

    private void awaitHealthy() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
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

    private void putThroughput() throws Exception {
        Path file = Files.createTempFile("bench-", ".pdf");
        try {
            writePdfLike(file);
            BlobMediaStore raw = new BlobMediaStore(new BlobServiceClientBuilder()
                    .connectionString("UseDevelopmentStorage=true").buildClient(), new AccountKeySasSigner(), Clock.systemUTC());
            List<Double> api = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            putViaApi(file); // warm-up: JIT, connections, Azurite's first write
            for (int round = 0; round < ROUNDS; round++) {
                api.add(putViaApi(file));
                direct.add(putRaw(raw, file));
            }
            double apiMedian = median(api);
            double rawMedian = median(direct);
            System.out.printf("SAS PUT 200 MB  api flow: %.1f MB/s (runs %s)%n", apiMedian, format(api));
            System.out.printf("SAS PUT 200 MB  raw PUT : %.1f MB/s (runs %s)%n", rawMedian, format(direct));
            System.out.printf("ratio api/raw = %.3f (goal >= 0.95)%n", apiMedian / rawMedian);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Create through the API, then PUT to the returned URL: the client's whole path, timed end to end. */
    private double putViaApi(Path file) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("fileName", "big.pdf",
                        "contentType", "application/pdf", "sizeBytes", FILE_BYTES)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.read(created.body(), JsonNode.class);
        put(body.get("uploadUrl").asText(), file);
        return megabytesPerSecond(start);
    }

    private double putRaw(BlobMediaStore raw, Path file) throws Exception {
        UploadTarget target = raw.issueUploadTarget(new BlobRef("uploads", "bench-raw/" + UUID.randomUUID() + "/big.pdf"),
                "application/pdf", Map.of(), Instant.now().plusSeconds(900));
        long start = System.nanoTime();
        put(target.url(), file);
        return megabytesPerSecond(start);
    }

    private void put(String url, Path file) throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("x-ms-blob-type", "BlockBlob").header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("PUT answered " + response.statusCode());
        }
    }

    private void pollLatency() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/uploads"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"fileName\":\"p.png\",\"contentType\":\"image/png\",\"sizeBytes\":10}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpRequest poll = HttpRequest.newBuilder(URI.create(Json.read(created.body(), JsonNode.class)
                .get("statusUrl").asText())).header("Authorization", "Bearer " + token).GET().build();
        for (int i = 0; i < 3000; i++) {
            http.send(poll, HttpResponse.BodyHandlers.discarding());
        }
        int total = POLL_RATE_PER_SECOND * POLL_SECONDS;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / POLL_RATE_PER_SECOND;
        List<CompletableFuture<Long>> inFlight = new ArrayList<>(total);
        long begin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = begin + i * intervalNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            // Open loop: latency counts from when the request was due, so a stall shows up instead of hiding.
            inFlight.add(http.sendAsync(poll, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> {
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("poll answered " + response.statusCode());
                        }
                        return System.nanoTime() - due;
                    }));
        }
        List<Long> latencies = new ArrayList<>();
        for (CompletableFuture<Long> request : inFlight) {
            latencies.add(request.get());
        }
        Collections.sort(latencies);
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("status poll at %d req/s for %d s (%d requests, achieved %.0f req/s): p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms (goal p99 < 10 ms)%n", POLL_RATE_PER_SECOND, POLL_SECONDS, total,
                total / seconds, percentile(latencies, 50), percentile(latencies, 99),
                latencies.get(latencies.size() - 1) / 1e6);
    }

    private static void writePdfLike(Path file) throws IOException {
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, chunk, 0, 9);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < FILE_BYTES; written += chunk.length) {
                out.write(chunk);
                chunk[0] = 'x';
            }
        }
    }

    private static double megabytesPerSecond(long startNanos) {
        return (FILE_BYTES / (1024.0 * 1024.0)) / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double percentile(List<Long> sortedNanos, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.0f", v)).toList().toString();
    }
}
