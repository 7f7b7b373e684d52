package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The happy paths of the upload spine, through HTTP only, against Azurite and the local runtime. */
class UploadFlowE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "flow-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void anImageReachesSucceededAndItsOutputUrlReturnsTheSameBytes() {
        byte[] png = TestMedia.png();
        HttpResponse<String> created = api.createUpload(token, "photo.png", "image/png", png.length);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = ApiClient.json(created);
        assertThat(created.headers().firstValue("Location")).contains(body.get("statusUrl").asText());

        assertThat(api.putBlob(body, png).statusCode()).isEqualTo(201);
        JsonNode done = api.awaitTerminal(token, body.get("statusUrl").asText(), TIMEOUT);

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        JsonNode original = done.at("/outputs/0");
        assertThat(original.get("kind").asText()).isEqualTo("original");
        assertThat(api.download(original.get("url").asText()).body()).isEqualTo(png);
    }

    @Test
    void aLargePdfSentInBlocksWithTheSameSasSucceeds() {
        byte[] pdf = TestMedia.pdf(5 * 1024 * 1024 + 123);
        JsonNode body = ApiClient.json(api.createUpload(token, "report.pdf", "application/pdf", pdf.length));

        ApiClient.putInBlocks(body.get("uploadUrl").asText(), pdf, "application/pdf");

        JsonNode done = api.awaitTerminal(token, body.get("statusUrl").asText(), TIMEOUT);
        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertThat(api.download(done.at("/outputs/0/url").asText()).body()).isEqualTo(pdf);
        assertThat(StoredBlobs.awaitInboxEmpty(tenant, body.get("uploadId").asText()))
                .containsExactly("media/original/report.pdf");
    }

    @Test
    void aValidVideoReachesProcessingWithItsOrchestrationScheduled() {
        byte[] mp4 = TestMedia.mp4(2, "320x240");
        JsonNode body = ApiClient.json(api.createUpload(token, "clip.mp4", "video/mp4", mp4.length));
        assertThat(api.putBlob(body, mp4).statusCode()).isEqualTo(201);

        JsonNode processing = api.awaitStatus(token, body.get("statusUrl").asText(), "Processing", TIMEOUT);

        assertThat(processing.get("status").asText()).isEqualTo("Processing");
        HttpResponse<String> poll = api.get(token, "/api/uploads/" + body.get("uploadId").asText());
        assertThat(poll.statusCode()).isEqualTo(202);
        assertThat(poll.headers().firstValue("Retry-After")).contains("2");
        assertThat(host.transcodes().state(body.get("uploadId").asText())).isPresent();
    }

    @Test
    void theListShowsOnlyTheCallersUploadsNewestFirst() {
        String a = ApiClient.json(api.createUpload(token, "a.png", "image/png", 10)).get("uploadId").asText();
        String b = ApiClient.json(api.createUpload(token, "b.png", "image/png", 10)).get("uploadId").asText();
        String otherToken = host.tokens().mint("other-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(5));
        api.createUpload(otherToken, "c.png", "image/png", 10);

        JsonNode page = ApiClient.json(api.get(token, "/api/uploads?status=AwaitingUpload&limit=50"));

        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("uploadId").asText()));
        assertThat(ids).containsSubsequence(b, a).allSatisfy(id -> assertThat(id).isIn(a, b));
    }

    @Test
    void deleteRemovesTheBlobsAndTheUploadEndsDeleted() {
        byte[] png = TestMedia.png();
        JsonNode body = ApiClient.json(api.createUpload(token, "gone.png", "image/png", png.length));
        api.putBlob(body, png);
        String readUrl = api.awaitTerminal(token, body.get("statusUrl").asText(), TIMEOUT).at("/outputs/0/url").asText();

        assertThat(api.delete(token, "/api/uploads/" + body.get("uploadId").asText()).statusCode()).isEqualTo(204);

        JsonNode after = ApiClient.json(api.get(token, "/api/uploads/" + body.get("uploadId").asText()));
        assertThat(after.get("status").asText()).isEqualTo("Deleted");
        assertThat(after.get("outputs")).isEmpty();
        assertThat(api.download(readUrl).statusCode()).isEqualTo(404);
        assertThat(StoredBlobs.of(tenant, body.get("uploadId").asText())).isEmpty();
    }

    @Test
    void healthReportsItsDependencies() {
        JsonNode health = ApiClient.json(api.get(null, "/api/health"));

        assertThat(health.get("status").asText()).isEqualTo("healthy");
        assertThat(health.at("/dependencies/blobStorage").asText()).isEqualTo("up");
        assertThat(health.get("dependencies").fieldNames()).toIterable().containsExactlyInAnyOrder("blobStorage",
                "ffmpeg", "uploadRecords", "usageReports", "storageReports", "webhooks", "tenantLedgers", "tenantRegistry");
        health.get("dependencies").forEach(state -> assertThat(state.asText()).isEqualTo("up"));
    }
}
