package com.contoso.media.e2e;

import com.contoso.media.app.AzureClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.blobs.AccountKeySasSigner;
import com.contoso.media.blobs.BlobChangedException;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobMediaStore;
import com.contoso.media.blobs.BlobRef;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile and clumsy clients against the inbox and the library, through HTTP and the SAS URL only: what is served
 * stays what was validated, and no bytes outlive their use. Each test lists both containers.
 */
class UploadIntegrityE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "integrity-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void promotionCopiesOnlyTheVersionThatWasValidatedAndTagsItAsAnOriginal() {
        BlobServiceClient azurite = new BlobServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
                .buildClient();
        azurite.getBlobContainerClient("promotion-probe").createIfNotExists();
        BlobMediaStore store = new BlobMediaStore(azurite, new AccountKeySasSigner(), Clock.systemUTC());
        BlobRef inbox = new BlobRef("promotion-probe", UUID.randomUUID() + "/in.png");
        BlobRef library = new BlobRef("promotion-probe", UUID.randomUUID() + "/original/in.png");
        StoredBlobs.write(inbox.container(), inbox.name(), TestMedia.png());
        String validated = store.describe(inbox).orElseThrow().etag();
        StoredBlobs.write(inbox.container(), inbox.name(), junk(TestMedia.png().length));

        assertThatThrownBy(() -> store.copy(inbox, validated, library, BlobLayout.ORIGINAL_TAGS))
                .isInstanceOf(BlobChangedException.class);
        assertThat(StoredBlobs.exists(library.container(), library.name())).isFalse();

        store.copy(inbox, store.describe(inbox).orElseThrow().etag(), library, BlobLayout.ORIGINAL_TAGS);
        BlobClient copied = azurite.getBlobContainerClient(library.container()).getBlobClient(library.name());
        assertThat(copied.downloadContent().toBytes()).isEqualTo(junk(TestMedia.png().length));
        assertThat(copied.getTags()).isEqualTo(BlobLayout.ORIGINAL_TAGS);
    }

    @Test
    void anOverwriteAfterSucceededChangesNothingThatIsServed() {
        byte[] png = TestMedia.png();
        JsonNode created = ApiClient.json(api.createUpload(token, "photo.png", "image/png", png.length));
        assertThat(api.putBlob(created, png).statusCode()).isEqualTo(201);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
        String id = created.get("uploadId").asText();

        int again = api.putBlob(created, junk(png.length)).statusCode();

        // 403 while the inbox blob exists; once intake has deleted it the SAS may create it anew, and intake deletes
        // that at once. Either way the library and the status stay as validated.
        assertThat(again).isIn(201, 403);
        assertThat(StoredBlobs.awaitInboxEmpty(tenant, id)).containsExactly("media/original/photo.png");
        JsonNode after = ApiClient.json(api.get(token, "/api/uploads/" + id));
        assertThat(after.get("status").asText()).isEqualTo("Succeeded");
        assertThat(after.get("outputs")).hasSize(1);
        assertThat(after.at("/outputs/0/url").asText()).contains("/media/");
        assertThat(after.at("/outputs/0/sizeBytes").asLong()).isEqualTo(done.at("/outputs/0/sizeBytes").asLong());
        assertThat(api.download(after.at("/outputs/0/url").asText()).body()).isEqualTo(png);
    }

    @Test
    void anOverwriteDuringProcessingDoesNotChangeTheOutputs() {
        byte[] video = TestMedia.mp4(4, "320x240");
        JsonNode created = ApiClient.json(api.createUpload(token, "clip.mp4", "video/mp4", video.length));
        String id = created.get("uploadId").asText();
        assertThat(api.putBlob(created, video).statusCode()).isEqualTo(201);
        api.awaitStatus(token, created.get("statusUrl").asText(), "Processing", TIMEOUT);

        byte[] other = TestMedia.mp4(1, "160x120");
        assertThat(api.putBlob(created, other).statusCode()).isIn(201, 403);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofSeconds(120));

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        JsonNode original = ApiClient.output(done, "original");
        assertThat(api.download(original.get("url").asText()).body()).isEqualTo(video);
        assertThat(ApiClient.output(done, "hls").get("durationSeconds").asDouble()).isBetween(3.5, 4.5);
        List<String> blobs = StoredBlobs.awaitInboxEmpty(tenant, id);
        assertThat(blobs).noneMatch(blob -> blob.startsWith("uploads/"))
                .contains("media/original/clip.mp4", "media/hls/master.m3u8", "media/thumbnail.jpg");
    }

    @Test
    void aPutAfterDeleteLeavesNothingBehind() {
        byte[] png = TestMedia.png();
        JsonNode created = ApiClient.json(api.createUpload(token, "late.png", "image/png", png.length));
        String id = created.get("uploadId").asText();
        assertThat(api.delete(token, "/api/uploads/" + id).statusCode()).isEqualTo(204);

        assertThat(api.putBlob(created, png).statusCode()).as("the SAS itself is still valid").isEqualTo(201);

        assertThat(StoredBlobs.awaitGone("uploads", tenant + "/" + id + "/late.png")).isTrue();
        assertThat(StoredBlobs.of(tenant, id)).isEmpty();
        assertThat(ApiClient.json(api.get(token, "/api/uploads/" + id)).get("status").asText()).isEqualTo("Deleted");
    }

    @Test
    void aRejectedUploadsBytesAreGone() {
        byte[] png = TestMedia.png();
        JsonNode created = ApiClient.json(api.createUpload(token, "big.png", "image/png", png.length + 1));
        String id = created.get("uploadId").asText();
        api.putBlob(created, png);

        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);

        assertThat(done.get("status").asText()).isEqualTo("Rejected");
        assertThat(done.at("/error/code").asText()).isEqualTo("size_mismatch");
        assertThat(StoredBlobs.awaitInboxEmpty(tenant, id)).isEmpty();
    }

    @Test
    void blobsAtPathsWithNoUploadAreRemoved() {
        String noUpload = tenant + "/" + UUID.randomUUID() + "/parked.bin";
        String noPath = "loose-" + UUID.randomUUID() + ".bin";
        String wrongName = tenant + "/" + ApiClient.json(api.createUpload(token, "a.png", "image/png", 10))
                .get("uploadId").asText() + "/b.png";

        StoredBlobs.write("uploads", noUpload, junk(4096));
        StoredBlobs.write("uploads", noPath, junk(4096));
        StoredBlobs.write("uploads", wrongName, junk(10));

        assertThat(StoredBlobs.awaitGone("uploads", noUpload)).isTrue();
        assertThat(StoredBlobs.awaitGone("uploads", noPath)).isTrue();
        assertThat(StoredBlobs.awaitGone("uploads", wrongName)).isTrue();
    }

    @Test
    void theDownloadedOriginalCarriesTheUploadsFileNameAndType() {
        byte[] pdf = TestMedia.pdf(2_000);
        String fileName = "Café menu (v2).pdf";
        JsonNode created = ApiClient.json(api.createUpload(token, fileName, "application/pdf", pdf.length));
        api.putBlob(created, pdf);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);

        HttpResponse<byte[]> download = api.download(ApiClient.output(done, "original").get("url").asText());

        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Disposition")).contains(
                "attachment; filename=\"Caf_ menu (v2).pdf\"; filename*=UTF-8''Caf%C3%A9%20menu%20%28v2%29.pdf");
        assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(StoredBlobs.awaitInboxEmpty(tenant, created.get("uploadId").asText()))
                .containsExactly("media/original/" + fileName);
    }

    private static byte[] junk(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
