package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The local runtime, in its own JVM, killed with SIGKILL at many points while PDFs and chunked videos go through it,
 * and started again each time. Afterwards every upload must be {@code Succeeded}, every video's HLS must decode with
 * no error, and the usage and storage reports must be exact from the events alone (reconciliation is off).
 *
 * <p>The default run is bounded and repeatable: seed 32, 12 kills 0.3–2.5 s apart. A longer randomised run:
 * {@code scripts/with-azurite.sh mvn -B -pl tests surefire:test -Dtest=ChaosKillE2ETest -Dchaos.kills=50
 * -Dchaos.seed=$RANDOM -Dsurefire.failIfNoSpecifiedTests=false}; the seed is printed, so a failure can be replayed.
 */
class ChaosKillE2ETest {

    private static final int PORT = 7196;
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final Duration SETTLE = Duration.ofMinutes(5);
    private static final int VIDEOS = 4;
    private static final int PDFS = 4;

    @Test
    void killedAtManyPointsEveryUploadSucceedsEveryHlsDecodesAndTheReportsAreExact() throws Exception {
        long seed = Long.getLong("chaos.seed", 32);
        int kills = Integer.getInteger("chaos.kills", 12);
        System.out.println("ChaosKillE2ETest: seed " + seed + ", " + kills + " kills");
        Random random = new Random(seed);
        Path data = Files.createTempDirectory("chaos-kill");
        String tenant = "chaos-" + Instant.now().toEpochMilli();
        String token = DevTokenIssuer.loadOrCreate(data.resolve("dev-signing-key.json")).mint(tenant,
                Duration.ofHours(2));
        ApiClient api = new ApiClient(BASE);
        byte[] video = TestMedia.mp4(24, "640x360");

        Process runtime = start(data);
        Map<String, String> statusUrls = new LinkedHashMap<>();
        long bytes = 0;
        for (int i = 0; i < VIDEOS + PDFS; i++) {
            boolean isVideo = i < VIDEOS;
            byte[] file = isVideo ? video : TestMedia.pdf(5_000 + 97 * i);
            String name = (isVideo ? "v" : "p") + i + (isVideo ? ".mp4" : ".pdf");
            JsonNode created = ApiClient.json(api.createUpload(token, Json.write(isVideo
                    ? Map.of("fileName", name, "contentType", "video/mp4", "sizeBytes", file.length,
                            "transcode", Map.of("chunkSeconds", 8))
                    : Map.of("fileName", name, "contentType", "application/pdf", "sizeBytes", file.length))));
            assertThat(api.putBlob(created, file).statusCode()).isEqualTo(201);
            statusUrls.put(name, created.get("statusUrl").asText());
            bytes += file.length;
        }
        try {
            for (int kill = 0; kill < kills; kill++) {
                Thread.sleep(300 + random.nextInt(2_200));
                runtime.destroyForcibly().waitFor();
                runtime = start(data);
            }

            List<String> problems = new ArrayList<>();
            List<JsonNode> videos = new ArrayList<>();
            for (Map.Entry<String, String> upload : statusUrls.entrySet()) {
                JsonNode done = api.awaitTerminal(token, upload.getValue(), SETTLE);
                if (!done.get("status").asText().equals("Succeeded")) {
                    problems.add(upload.getKey() + " ended " + done.get("status").asText() + ": " + done.path("error"));
                } else if (upload.getKey().endsWith(".mp4")) {
                    videos.add(done);
                }
            }
            assertThat(problems).as("every upload Succeeded").isEmpty();
            for (JsonNode done : videos) {
                String master = ApiClient.output(done, "hls").get("url").asText();
                assertThat(TestMedia.decodeErrors(master)).as("HLS of " + done.get("fileName").asText()).isEmpty();
            }
            JsonNode totals = api.awaitUsageUploads(token, VIDEOS + PDFS, Duration.ofSeconds(60));
            JsonNode transcoded = api.awaitUsageTotal(token, "videosTranscoded", VIDEOS, Duration.ofSeconds(60));
            assertThat(totals.get("uploads").asLong()).isEqualTo(VIDEOS + PDFS);
            assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(bytes);
            assertThat(transcoded.get("videosTranscoded").asLong()).isEqualTo(VIDEOS);
            assertThat(transcoded.get("failed").asLong()).isZero();
            Thread.sleep(3_000);
            JsonNode later = ApiClient.json(api.get(token, "/api/reports/usage")).get("totals");
            assertThat(later.get("uploads").asLong()).as("nothing counted twice").isEqualTo(VIDEOS + PDFS);
            assertThat(later.get("videosTranscoded").asLong()).isEqualTo(VIDEOS);
            JsonNode storage = ApiClient.json(api.get(token, "/api/reports/storage/current"));
            assertThat(storage.at("/bytes/originals").asLong()).isEqualTo(bytes);
            assertThat(storage.at("/uploadsByStatus/Succeeded").asLong()).isEqualTo(VIDEOS + PDFS);
            assertThat(storage.at("/uploadsByStatus/Processing").asLong()).isZero();
        } finally {
            runtime.destroyForcibly().waitFor();
        }
    }

    private static Process start(Path data) throws IOException, InterruptedException {
        return RuntimeProcess.start(PORT, data, Map.ofEntries(
                Map.entry("UPLOADS_CONTAINER", "chaos-uploads"), Map.entry("MEDIA_CONTAINER", "chaos-media"),
                Map.entry("UPLOADS_TABLE", "chaosuploads"), Map.entry("REPORTS_TABLE", "chaosreports"),
                Map.entry("WEBHOOKS_TABLE", "chaoswebhooks"), Map.entry("STORAGE_TABLE", "chaosstorage"),
                Map.entry("LEDGERS_TABLE", "chaosledgers"), Map.entry("LOCAL_BUS_PREFIX", "chaos"),
                Map.entry("LOCAL_BUS_CHAOS", "true"),
                // Reports must be exact from the events alone.
                Map.entry("DEVHOST_RECONCILE_ON_START", "false"),
                Map.entry("RECONCILE_REPORTS_SCHEDULE", "0 0 0 1 1 *"),
                // A claim left by a killed intake is taken over in seconds, not ten minutes.
                Map.entry("INTAKE_CLAIM_LEASE_SECONDS", "10"),
                Map.entry("WATCHDOG_MIN_AGE_MINUTES", "0"), Map.entry("TRANSCODE_WATCHDOG_SCHEDULE", "*/5 * * * * *"),
                Map.entry("TENANT_MAX_ACTIVE_TRANSCODES", "10"), Map.entry("TRANSCODE_QUEUE_POLL_SECONDS", "2"),
                Map.entry("TRANSCODE_RETRY_FIRST_SECONDS", "1"), Map.entry("LOG_LEVEL", "WARN")));
    }
}
