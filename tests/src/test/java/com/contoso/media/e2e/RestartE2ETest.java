package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime stopped mid-transcode and started again on the same data folder finishes the upload, and
 * its usage report (kept in memory, rebuilt on start) counts the upload once.
 */
class RestartE2ETest {

    @TempDir
    Path data;

    @Test
    void anInterruptedTranscodeCompletesAfterARestartWithNoDuplicateOutputs() {
        String tenant = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] mp4 = TestMedia.mp4(20, "1280x720");
        String uploadId;
        try (DevHost first = start()) {
            ApiClient api = new ApiClient(first.baseUrl());
            String token = first.tokens().mint(tenant, Duration.ofMinutes(15));
            JsonNode created = ApiClient.json(api.createUpload(token, "long.mp4", "video/mp4", mp4.length));
            uploadId = created.get("uploadId").asText();
            api.putBlob(created, mp4);
            awaitStage(api, token, "/api/uploads/" + uploadId, "transcoding");
        }

        try (DevHost second = start()) {
            ApiClient api = new ApiClient(second.baseUrl());
            String token = second.tokens().mint(tenant, Duration.ofMinutes(15));
            JsonNode done = api.awaitTerminal(token, second.baseUrl() + "/api/uploads/" + uploadId, Duration.ofSeconds(180));

            assertThat(done.get("status").asText()).isEqualTo("Succeeded");
            BlobContainerClient media = new BlobServiceClientBuilder().connectionString("UseDevelopmentStorage=true")
                    .buildClient().getBlobContainerClient("restart-media");
            String prefix = tenant + "/" + uploadId + "/";
            Set<String> expected = new HashSet<>(Set.of(prefix + "thumbnail.jpg", prefix + "hls/master.m3u8",
                    prefix + "original/long.mp4"));
            for (String rung : new String[] {"720p", "480p", "360p"}) {
                String folder = prefix + "hls/" + rung + "/";
                expected.add(folder + "index.m3u8");
                expected.add(folder + "init.mp4");
                media.getBlobClient(folder + "index.m3u8").downloadContent().toString().lines()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .forEach(segment -> expected.add(folder + segment));
            }
            Set<String> stored = new HashSet<>();
            for (BlobItem blob : media.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                stored.add(blob.getName());
            }
            assertThat(stored).isEqualTo(expected);
            assertReportCountsOneTranscodedUpload(api, token, mp4.length);
        }
    }

    private static void assertReportCountsOneTranscodedUpload(ApiClient api, String token, long bytes) {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode totals = ApiClient.json(api.get(token, "/api/reports/usage")).get("totals");
        while (totals.get("videosTranscoded").asLong() < 1 && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(100);
            totals = ApiClient.json(api.get(token, "/api/reports/usage")).get("totals");
        }
        assertThat(totals.get("uploads").asLong()).isEqualTo(1);
        assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(bytes);
        assertThat(totals.get("videosTranscoded").asLong()).isEqualTo(1);
    }

    private DevHost start() {
        return DevHost.start(new Settings(Map.of("DEVHOST_PORT", "0", "DEVHOST_DATA_DIR", data.toString(),
                "UPLOADS_CONTAINER", "restart-uploads", "MEDIA_CONTAINER", "restart-media",
                "UPLOADS_TABLE", "restartuploads", "LOCAL_BUS_PREFIX", "restart")));
    }

    private static void awaitStage(ApiClient api, String token, String path, String stage) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (stage.equals(ApiClient.json(api.get(token, path)).path("stage").asText())) {
                return;
            }
            ApiClient.sleep(100);
        }
        throw new AssertionError("upload never reached stage " + stage);
    }
}
