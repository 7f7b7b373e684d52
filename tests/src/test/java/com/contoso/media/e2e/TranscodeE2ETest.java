package com.contoso.media.e2e;

import com.contoso.media.app.AzureClients;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Videos through the TranscodeVideo orchestration on the local runtime, checked with ffmpeg as a player. */
class TranscodeE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "tx-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void a720pVideoBecomesAPlayableHlsLadderWithAThumbnail() {
        JsonNode done = transcode(TestMedia.mp4(10, "1280x720"));

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertThat(ApiClient.outputLabels(done)).containsExactlyInAnyOrder("hls:master", "rendition:720p", "rendition:480p", "rendition:360p",
                "rendition:audio", "thumbnail:1280x720", "poster:480x270", "storyboard:vtt", "sprite:sprite-001.jpg",
                "original:clip.mp4");

        List<String> variants = variantUrls(ApiClient.output(done, "hls").get("url").asText());
        assertThat(variants).hasSize(3);
        List<Integer> heights = new ArrayList<>();
        for (String variant : variants) {
            TestMedia.Decoded decoded = TestMedia.decode(variant);
            assertThat(decoded.durationSeconds()).isCloseTo(10.0, Offset.offset(0.5));
            assertThat(decoded.width() % 2).isZero();
            heights.add(decoded.height());
        }
        assertThat(heights).containsExactly(720, 480, 360);
        JsonNode thumbnail = ApiClient.output(done, "thumbnail");
        byte[] jpeg = api.download(thumbnail.get("url").asText()).body();
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    }

    @Test
    void aSmallSourceIsNeverUpscaled() {
        JsonNode done = transcode(TestMedia.mp4(3, "426x240"));

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        List<String> variants = variantUrls(ApiClient.output(done, "hls").get("url").asText());
        assertThat(variants).hasSize(1);
        TestMedia.Decoded decoded = TestMedia.decode(variants.get(0));
        assertThat(decoded.height()).isEqualTo(240);
        assertThat(decoded.width()).isEqualTo(426);
    }

    @Test
    void deletingWhileProcessingCancelsAndLeavesNoBlobs() {
        byte[] mp4 = TestMedia.mp4(10, "1280x720");
        JsonNode created = ApiClient.json(api.createUpload(token, "cancel.mp4", "video/mp4", mp4.length));
        api.putBlob(created, mp4);
        String statusUrl = created.get("statusUrl").asText();
        api.awaitStatus(token, statusUrl, "Processing", TIMEOUT);

        assertThat(api.delete(token, "/api/uploads/" + created.get("uploadId").asText()).statusCode()).isEqualTo(204);

        assertThat(ApiClient.json(api.get(token, "/api/uploads/" + created.get("uploadId").asText()))
                .get("status").asText()).isEqualTo("Deleted");
        String prefix = tenant + "/" + created.get("uploadId").asText() + "/";
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();
        // In-flight activities notice the deletion after their upload and sweep what they wrote.
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && count(blobs, "media", prefix) + count(blobs, "uploads", prefix) > 0) {
            sleep(250);
        }
        assertThat(count(blobs, "media", prefix)).isZero();
        assertThat(count(blobs, "uploads", prefix)).isZero();
    }

    @Test
    void aVideoThatCannotBeDecodedEndsFailedWithAReasonAndNoOutputs() {
        byte[] broken = TestMedia.mp4WithoutMedia();
        JsonNode created = ApiClient.json(api.createUpload(token, "broken.mp4", "video/mp4", broken.length));
        api.putBlob(created, broken);

        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);

        assertThat(done.get("status").asText()).isIn("Rejected", "Failed");
        assertThat(done.at("/error/code").asText()).isNotBlank();
        assertThat(done.at("/error/message").asText()).isNotBlank();
        assertThat(done.get("outputs")).isEmpty();
        BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();
        assertThat(count(blobs, "media", tenant + "/" + created.get("uploadId").asText() + "/")).isZero();
    }

    @Test
    void playlistsRefuseATamperedOrMissingSas() {
        JsonNode done = transcode(TestMedia.mp4(2, "320x240"));
        String master = ApiClient.output(done, "hls").get("url").asText();

        assertThat(api.download(master).statusCode()).isEqualTo(200);
        assertThat(api.download(master.substring(0, master.indexOf('?'))).statusCode()).isEqualTo(403);
        assertThat(api.download(master.replace("sig=", "sig=x")).statusCode()).isEqualTo(403);
        String otherUpload = master.replace(done.get("uploadId").asText(), UUID.randomUUID().toString());
        assertThat(api.download(otherUpload).statusCode()).isEqualTo(403);
    }

    private JsonNode transcode(byte[] mp4) {
        JsonNode created = ApiClient.json(api.createUpload(token, "clip.mp4", "video/mp4", mp4.length));
        assertThat(api.putBlob(created, mp4).statusCode()).isEqualTo(201);
        return api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
    }

    private List<String> variantUrls(String masterUrl) {
        String playlist = new String(api.download(masterUrl).body());
        assertThat(playlist).startsWith("#EXTM3U").contains("BANDWIDTH=", "AVERAGE-BANDWIDTH=", "RESOLUTION=", "CODECS=");
        List<String> urls = new ArrayList<>();
        playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> urls.add(URI.create(masterUrl).resolve(line).toString()));
        return urls;
    }

    private static long count(BlobServiceClient blobs, String container, String prefix) {
        return blobs.getBlobContainerClient(container).listBlobs(new ListBlobsOptions().setPrefix(prefix), null).stream().count();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
