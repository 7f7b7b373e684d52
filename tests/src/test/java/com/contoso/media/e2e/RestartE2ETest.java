package com.contoso.media.e2e;

import com.contoso.media.app.AzureClients;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime stopped in the middle of a video's chunks and started again on the same data folder finishes
 * the upload without encoding a finished chunk again and without duplicate segments, and its usage report counts
 * the upload once.
 */
class RestartE2ETest {

    @TempDir
    Path data;

    @Test
    void anInterruptedTranscodeCompletesAfterARestartWithNoDuplicateOutputs() {
        String tenant = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] mp4 = TestMedia.mp4(20, "1280x720");
        String uploadId;
        Map<String, String> finishedBefore;
        try (DevHost first = start()) {
            ApiClient api = new ApiClient(first.baseUrl());
            String token = first.tokens().mint(tenant, Duration.ofMinutes(15));
            JsonNode created = ApiClient.json(api.createUpload(token, Json.write(Map.of("fileName", "long.mp4",
                    "contentType", "video/mp4", "sizeBytes", mp4.length, "transcode", Map.of("chunkSeconds", 8)))));
            uploadId = created.get("uploadId").asText();
            api.putBlob(created, mp4);
            // Stop once the first chunks are done (the preview lists them) and while others are not.
            JsonNode midway = awaitPreview(api, token, "/api/uploads/" + uploadId);
            finishedBefore = finishedSegments(tenant + "/" + uploadId + "/hls/");
            assertThat(midway.at("/progress/chunksDone").asInt()).isLessThan(midway.at("/progress/chunksTotal").asInt());
        }
        assertThat(finishedBefore).isNotEmpty();

        try (DevHost second = start()) {
            ApiClient api = new ApiClient(second.baseUrl());
            String token = second.tokens().mint(tenant, Duration.ofMinutes(15));
            JsonNode done = api.awaitTerminal(token, second.baseUrl() + "/api/uploads/" + uploadId, Duration.ofSeconds(180));

            assertThat(done.get("status").asText()).isEqualTo("Succeeded");
            BlobContainerClient media = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
                    .buildClient().getBlobContainerClient("restart-media");
            String prefix = tenant + "/" + uploadId + "/";
            Set<String> expected = new HashSet<>(Set.of(prefix + "thumbnail.jpg", prefix + "hls/master.m3u8",
                    prefix + "original/long.mp4", prefix + "hls/preview.m3u8", prefix + "hls/360p/preview.m3u8",
                    prefix + "hls/audio/preview.m3u8",
                    prefix + "poster.jpg", prefix + "storyboard/storyboard.vtt", prefix + "storyboard/sprite-001.jpg"));
            for (String rung : new String[] {"720p", "480p", "360p", "audio"}) {
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
            assertThat(stored).as("no duplicate or stray segment").isEqualTo(expected);
            assertThat(finishedSegments(prefix + "hls/")).as("chunks finished before the stop were not encoded again")
                    .containsAllEntriesOf(finishedBefore);
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

    private static JsonNode awaitPreview(ApiClient api, String token, String path) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode upload = ApiClient.json(api.get(token, path));
            if (upload.has("preview")) {
                return upload;
            }
            ApiClient.sleep(50);
        }
        throw new AssertionError("no preview appeared");
    }

    /**
     * The segments of every rung for the chunks the preview lists (those chunks finished: the preview only lists
     * chunks whose every rung is encoded), by name, with their ETags: an encode again would rewrite them.
     */
    private static Map<String, String> finishedSegments(String hlsFolder) {
        BlobContainerClient media = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
                .buildClient().getBlobContainerClient("restart-media");
        Set<String> listed = new HashSet<>();
        media.getBlobClient(hlsFolder + "360p/preview.m3u8").downloadContent().toString().lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(listed::add);
        Map<String, String> etags = new TreeMap<>();
        for (BlobItem blob : media.listBlobs(new ListBlobsOptions().setPrefix(hlsFolder), null)) {
            String name = blob.getName().substring(blob.getName().lastIndexOf('/') + 1);
            if (listed.contains(name) && !blob.getName().contains("/audio/")) {
                etags.put(blob.getName(), blob.getProperties().getETag());
            }
        }
        return etags;
    }
}
