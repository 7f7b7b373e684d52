package com.contoso.media.bench;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.json.Json;
import com.contoso.media.blobs.AccountKeySasSigner;
import com.contoso.media.blobs.BlobMediaStore;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.UploadTarget;
import com.contoso.media.uploads.TableUploadRepository;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Side-by-side measurements of the upload spine on the local runtime and Azurite:
 * 1. SAS PUT of 200 MB through the API flow (create + PUT to the returned URL) vs a raw PUT of the same bytes to
 *    Azurite with a SAS signed directly, alternating, each pair's ratio compared (goal >= 0.95). Nothing else is in
 *    flight during either: the raw PUT goes to a container the runtime does not watch, and each API upload's intake
 *    (validation and the copy into the library) has finished before the next PUT starts;
 * 2. status-poll latency at a fixed open-loop rate of 200 req/s (goal p99 < 10 ms): an authorised poll of an
 *    existing upload, beside its store read alone (the same Table point read from this process).
 */
final class UploadBench {

    private static final long FILE_BYTES = 200L * 1024 * 1024;
    private static final int ROUNDS = 7;
    private static final String RAW_CONTAINER = "bench-raw";
    private static final int POLL_RATE_PER_SECOND = 200;
    private static final int POLL_SECONDS = 10;
    private static final int POLL_ROUNDS = 3;

    private final LocalRuntimeProcess runtime;
    private final HttpClient http;

    UploadBench(LocalRuntimeProcess runtime) {
        this.runtime = runtime;
        this.http = runtime.http;
    }

    void run() throws Exception {
        pollLatency(); // first: the PUTs leave gigabytes for the disk to write back, which Azurite's reads would feel
        putThroughput();
    }

    private void putThroughput() throws Exception {
        Path file = Files.createTempFile("bench-", ".pdf");
        try {
            writePdfLike(file);
            var service = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();
            service.getBlobContainerClient(RAW_CONTAINER).createIfNotExists();
            BlobMediaStore raw = new BlobMediaStore(service, new AccountKeySasSigner(), Clock.systemUTC());
            List<Double> api = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            putViaApi(file); // warm-up: JIT, connections, Azurite's first write
            for (int round = 0; round < ROUNDS; round++) {
                api.add(putViaApi(file));
                direct.add(putRaw(raw, file));
            }
            // Azurite's disk makes single runs swing widely, so each API run is compared with the raw run beside it.
            List<Double> pairRatios = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                pairRatios.add(api.get(i) / direct.get(i));
            }
            System.out.printf("SAS PUT 200 MB  api flow: %.1f MB/s median (runs %s)%n", median(api), format(api));
            System.out.printf("SAS PUT 200 MB  raw PUT : %.1f MB/s median (runs %s)%n", median(direct), format(direct));
            System.out.printf("ratio api/raw = %.3f, median of side-by-side pairs (goal >= 0.95)%n", median(pairRatios));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Create through the API, then PUT to the returned URL: the client's whole path, timed end to end. Then, untimed,
     * wait for intake to finish with it, so that its copy into the library never overlaps the next measurement.
     */
    private double putViaApi(Path file) throws Exception {
        long start = System.nanoTime();
        JsonNode created = runtime.createUpload("big.pdf", "application/pdf", FILE_BYTES);
        runtime.put(created, file);
        double rate = megabytesPerSecond(start);
        runtime.awaitTerminal(created.get("statusUrl").asText());
        return rate;
    }

    /** The same bytes to a container the runtime does not watch: no intake, nothing else in flight. */
    private double putRaw(BlobMediaStore raw, Path file) throws Exception {
        UploadTarget target = raw.issueUploadTarget(new BlobRef(RAW_CONTAINER, UUID.randomUUID() + "/big.pdf"),
                "application/pdf", Map.of(), Instant.now().plusSeconds(900));
        long start = System.nanoTime();
        runtime.put(Json.MAPPER.valueToTree(Map.of("uploadUrl", target.url(), "headers", target.headers())), file);
        return megabytesPerSecond(start);
    }

    /**
     * The status poll (an authorised GET of an existing upload: token check, one Table point read, the view) beside
     * the upload record's Table point read alone, from this process through the same adapter the runtime uses, each
     * at the same open-loop rate, alternating rounds. The difference is what the runtime adds to the read.
     */
    private void pollLatency() throws Exception {
        JsonNode created = runtime.createUpload("p.png", "image/png", 10);
        URI statusUrl = URI.create(created.get("statusUrl").asText());
        HttpRequest poll = HttpRequest.newBuilder(statusUrl).header("Authorization", "Bearer " + runtime.token).GET().build();
        TableUploadRepository records = new TableUploadRepository(AzureClients.table(
                new Settings(Map.of()).withDefault(AppSetting.STORAGE_CONNECTION_STRING, AzureClients.AZURITE_LOCALHOST),
                AppSetting.UPLOADS_TABLE));
        String uploadId = created.get("uploadId").asText();
        ExecutorService readers = Executors.newFixedThreadPool(16);
        Map<String, Supplier<CompletableFuture<Integer>>> paths = new LinkedHashMap<>();
        paths.put("status poll (authorised, existing upload)", () -> http.sendAsync(poll,
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
        paths.put("Table point read alone", () -> CompletableFuture.supplyAsync(
                () -> records.find(LocalRuntimeProcess.TENANT, uploadId).isPresent() ? 202 : 404, readers));
        for (Supplier<CompletableFuture<Integer>> path : paths.values()) {
            for (int i = 0; i < 10_000; i++) {
                path.get().join(); // warm-up: JIT, connections
            }
        }
        Map<String, List<Double>> p99s = new LinkedHashMap<>();
        for (int round = 1; round <= POLL_ROUNDS; round++) {
            for (Map.Entry<String, Supplier<CompletableFuture<Integer>>> path : paths.entrySet()) {
                List<Long> latencies = openLoop(path.getValue());
                p99s.computeIfAbsent(path.getKey(), key -> new ArrayList<>()).add(percentile(latencies, 99));
                System.out.printf("round %d  %-36s p50 %5.2f ms  p99 %6.2f ms  max %6.2f ms%n", round, path.getKey(),
                        percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1) / 1e6);
            }
        }
        readers.shutdown();
        System.out.printf("at %d req/s, %d s per round, median p99 of %d rounds:%n", POLL_RATE_PER_SECOND, POLL_SECONDS,
                POLL_ROUNDS);
        p99s.forEach((path, values) -> System.out.printf("  %-36s %6.2f ms%n", path, median(values)));
        List<Double> polls = p99s.values().iterator().next();
        System.out.printf("status poll p99 %.2f ms (goal < 10 ms)%n", median(polls));
    }

    /** Open loop: one request every 1/rate s whatever the answers, latency counted from when it was due. */
    private static List<Long> openLoop(Supplier<CompletableFuture<Integer>> request) {
        int total = POLL_RATE_PER_SECOND * POLL_SECONDS;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / POLL_RATE_PER_SECOND;
        List<CompletableFuture<Long>> inFlight = new ArrayList<>(total);
        long begin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = begin + i * intervalNanos;
            // Park, not spin: a spinning generator would take one of the two cores from the server it measures.
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(request.get().thenApply(status -> {
                if (status != 202) {
                    throw new IllegalStateException("answered " + status);
                }
                return System.nanoTime() - due;
            }));
        }
        List<Long> latencies = new ArrayList<>(inFlight.stream().map(CompletableFuture::join).toList());
        Collections.sort(latencies);
        return latencies;
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
