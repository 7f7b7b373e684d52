package com.contoso.media.uploads;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.UploadTarget;
import com.contoso.media.captions.CaptionLimits;
import com.contoso.media.captions.CaptionService;
import com.contoso.media.clips.ClipService;
import com.contoso.media.config.Settings;
import com.contoso.media.fairuse.Admission;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.imports.SourceImporter;
import com.contoso.media.json.Json;
import com.contoso.media.playback.PlaybackApi;
import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeProgress;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class UploadsApiTest {

    private final DevTokenIssuer tokens = DevTokenIssuer.generate();
    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    private final MediaStore store = mock(MediaStore.class);
    private final TranscodeControl transcodes = mock(TranscodeControl.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private final UploadPolicy policy = UploadPolicy.from(new Settings(Map.of()));
    private final TranscodeSlots slots = new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads,
            new FairUseLimits(1, 2), clock);
    private final UploadsApi api = new UploadsApi(
            new JwtAuthenticator(tokens.trustingSettings(), InMemoryTenantRegistryStore.onboardingOnFirstSignIn()),
            new UploadService(uploads, store, transcodes, slots, mock(SourceImporter.class), policy, clock),
            new ClipService(uploads, transcodes, new BlobLayout("uploads", "media"), clock),
            new CaptionService(uploads, store, new BlobLayout("uploads", "media"), new CaptionLimits(1024, 1), clock),
            store,
            new PlaybackApi(store, new BlobLayout("uploads", "media"), Duration.ofMinutes(10), Duration.ofHours(6), clock), policy, clock, Tracing.none());

    UploadsApiTest() {
        when(store.issueUploadTarget(any(), anyString(), any(), any())).thenAnswer(call -> new UploadTarget(
                "https://acct/" + call.getArgument(0, BlobRef.class) + "?sig=x", "PUT",
                Map.of("x-ms-blob-type", "BlockBlob"), call.getArgument(3)));
        when(store.readUrl(any(), any())).thenAnswer(call -> "https://acct/" + call.getArgument(0) + "?sp=r");
        when(store.downloadUrl(any(), anyString(), anyString(), any()))
                .thenAnswer(call -> "https://acct/" + call.getArgument(0) + "?sp=r&rscd=attachment");
    }

    @Test
    void createAnswers201WithAFifteenMinuteUrlForExactlyThatBlob() {
        ApiResponse response = api.create(post("tenant-a", "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":8}"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = Json.read(response.body(), JsonNode.class);
        String id = body.get("uploadId").asText();
        assertThat(response.headers()).containsEntry("Location", "https://api.test/api/uploads/" + id);
        assertThat(body.get("statusUrl").asText()).isEqualTo("https://api.test/api/uploads/" + id);
        assertThat(body.get("method").asText()).isEqualTo("PUT");
        assertThat(body.get("expiresAt").asText()).isEqualTo("2026-03-01T10:15:00Z");
        verify(store).issueUploadTarget(eq(new BlobRef("uploads", "tenant-a/" + id + "/a.png")), eq("image/png"),
                any(), eq(Instant.parse("2026-03-01T10:15:00Z")));
        assertThat(uploads.find("tenant-a", id)).get().extracting(Upload::status).isEqualTo(UploadStatus.AwaitingUpload);
    }

    @Test
    void theCallersCorrelationIdIsKeptOnTheRecord() {
        ApiRequest request = post("tenant-a", "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":8}");
        Map<String, String> headers = new java.util.HashMap<>(request.headers());
        headers.put("x-correlation-id", "abc-123");
        ApiResponse response = api.create(new ApiRequest("POST", request.baseUrl(), headers, Map.of(), request.body()));

        String id = Json.read(response.body(), JsonNode.class).get("uploadId").asText();
        assertThat(uploads.find("tenant-a", id).orElseThrow().correlationId()).isEqualTo("abc-123");
        assertThat(response.headers()).containsEntry("x-correlation-id", "abc-123");
    }

    @Test
    void aBadRequestWritesNothing() {
        ApiResponse response = api.create(post("tenant-a", "{\"fileName\":\"../x\",\"contentType\":\"image/png\",\"sizeBytes\":8}"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.read(response.body(), JsonNode.class).get("code").asText()).isEqualTo("invalid_file_name");
        assertThat(uploads.list("tenant-a", UploadFilter.ALL, 10, Optional.empty()).items()).isEmpty();
        verify(store, never()).issueUploadTarget(any(), any(), any(), any());
    }

    @Test
    void aQueuedVideoShowsItsPlaceInLineOnItsStatusAndInTheList() {
        MediaInfo media = new MediaInfo(30, 1280, 720, 30, true, 0);
        String first = created("tenant-a", "a.mp4", "video/mp4");
        String second = created("tenant-a", "b.mp4", "video/mp4");
        for (String id : List.of(first, second)) {
            Upload validating = uploads.update("tenant-a", id, u -> u.startValidating(clock.instant())).orElseThrow();
            boolean queued = slots.admit(validating, media).kind() == Admission.Kind.QUEUED;
            uploads.update("tenant-a", id, u -> queued ? u.queue(media, clock.instant())
                    : u.startProcessing(media, clock.instant()));
        }

        ApiResponse status = api.get(get("tenant-a"), second);

        assertThat(status.status()).isEqualTo(202);
        JsonNode body = Json.read(status.body(), JsonNode.class);
        assertThat(body.get("status").asText()).isEqualTo("Queued");
        assertThat(body.get("queuePosition").asInt()).isEqualTo(1);
        JsonNode listed = Json.read(api.list(get("tenant-a")).body(), JsonNode.class).get("items");
        assertThat(listed).filteredOn(item -> item.get("uploadId").asText().equals(second))
                .singleElement().satisfies(item -> assertThat(item.get("queuePosition").asInt()).isEqualTo(1));
        assertThat(listed).filteredOn(item -> item.get("uploadId").asText().equals(first))
                .singleElement().satisfies(item -> assertThat(item.has("queuePosition")).isFalse());
    }

    @Test
    void onceTheDailyQuotaIsUsedUpANewVideoGets429UntilMidnightButOtherFilesDoNot() {
        String id = created("tenant-a", "long.mp4", "video/mp4");
        Upload validating = uploads.update("tenant-a", id, u -> u.startValidating(clock.instant())).orElseThrow();
        slots.admit(validating, new MediaInfo(120, 1280, 720, 30, true, 0));

        ApiResponse refused = api.create(post("tenant-a",
                "{\"fileName\":\"more.mp4\",\"contentType\":\"video/mp4\",\"sizeBytes\":8}"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Retry-After", String.valueOf(14 * 3600));
        assertThat(Json.read(refused.body(), JsonNode.class).get("code").asText()).isEqualTo("quota_exceeded");
        assertThat(uploads.list("tenant-a", UploadFilter.ALL, 10, Optional.empty()).items()).hasSize(1);
        assertThat(api.create(post("tenant-a", "{\"fileName\":\"a.png\",\"contentType\":\"image/png\","
                + "\"sizeBytes\":8}")).status()).isEqualTo(201);
        assertThat(api.create(post("tenant-b", "{\"fileName\":\"b.mp4\",\"contentType\":\"video/mp4\","
                + "\"sizeBytes\":8}")).status()).as("another tenant's quota is its own").isEqualTo(201);
    }

    @Test
    void nonTerminalStatusIs202WithRetryAfterAndLocation() {
        String id = created("tenant-a", "v.mp4", "video/mp4");

        ApiResponse response = api.get(get("tenant-a"), id);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers()).containsEntry("Retry-After", "2")
                .containsEntry("Location", "https://api.test/api/uploads/" + id);
        assertThat(Json.read(response.body(), JsonNode.class).get("status").asText()).isEqualTo("AwaitingUpload");
    }

    @Test
    void processingShowsTheProgressTheTranscodeWroteOnTheRecordAndThePreview() {
        String id = created("tenant-a", "v.mp4", "video/mp4");
        uploads.update("tenant-a", id, u -> u.startValidating(clock.instant())
                .startProcessing(new MediaInfo(10, 1280, 720, 30, true, 0), clock.instant())
                .withTranscodeProgress(new TranscodeProgress("transcoding", 0, 4, 40, 3, 9, 12, true)));

        JsonNode body = Json.read(api.get(get("tenant-a"), id).body(), JsonNode.class);

        assertThat(body.get("stage").asText()).isEqualTo("transcoding");
        assertThat(body.at("/progress/percent").asInt()).isEqualTo(40);
        assertThat(body.at("/progress/renditionsTotal").asInt()).isEqualTo(4);
        assertThat(body.at("/progress/chunksDone").asInt()).isEqualTo(3);
        assertThat(body.at("/progress/chunksTotal").asInt()).isEqualTo(9);
        assertThat(body.at("/progress/etaSeconds").asInt()).isEqualTo(12);
        assertThat(body.get("preview").asText()).startsWith("https://api.test/api/playback/tenant-a/" + id
                + "/preview.m3u8?");
        // The list shows the same progress without asking the orchestration: nothing but the query is read.
        JsonNode listed = Json.read(api.list(get("tenant-a")).body(), JsonNode.class).at("/items/0");
        assertThat(listed.at("/progress/chunksDone").asInt()).isEqualTo(3);
        verifyNoInteractions(transcodes);
    }

    @Test
    void progressNeverMovesBackWhenWritesArriveLateOrTwice() {
        String id = created("tenant-a", "v.mp4", "video/mp4");
        TranscodeProgress later = new TranscodeProgress("transcoding", 0, 3, 60, 6, 9, 5, true);
        TranscodeProgress earlier = new TranscodeProgress("transcoding", 0, 3, 30, 2, 9, 20, false);
        uploads.update("tenant-a", id, u -> u.startValidating(clock.instant())
                .startProcessing(new MediaInfo(10, 1280, 720, 30, true, 0), clock.instant())
                .withTranscodeProgress(later).withTranscodeProgress(earlier).withTranscodeProgress(later));

        assertThat(uploads.find("tenant-a", id).orElseThrow().transcodeProgress()).contains(later);
    }

    @Test
    void terminalStatusIs200WithShortLivedReadUrlsThatNameTheFile() {
        String id = created("tenant-a", "a.png", "image/png");
        BlobRef original = new BlobRef("media", "tenant-a/" + id + "/original/a.png");
        uploads.update("tenant-a", id, u -> u.startValidating(clock.instant()).succeed(
                List.of(new UploadOutput("original", "a.png", original, "image/png", 8, 0)), clock.instant()));

        ApiResponse response = api.get(get("tenant-a"), id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).doesNotContainKey("Retry-After");
        JsonNode output = Json.read(response.body(), JsonNode.class).at("/outputs/0");
        assertThat(output.get("url").asText()).startsWith("https://acct/media/").endsWith("?sp=r&rscd=attachment");
        assertThat(output.get("expiresAt").asText()).isEqualTo("2026-03-01T10:10:00Z");
        verify(store).downloadUrl(original, "a.png", "image/png", Instant.parse("2026-03-01T10:10:00Z"));
    }

    @Test
    void anotherTenantsUploadIsIndistinguishableFromAnUnknownOne() {
        String id = created("tenant-a", "a.png", "image/png");

        ApiResponse foreign = api.get(get("tenant-b"), id);
        ApiResponse unknown = api.get(get("tenant-b"), "no-such-id");
        ApiResponse foreignDelete = api.delete(get("tenant-b"), id);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreignDelete.status()).isEqualTo(404);
        assertThat(Json.read(foreign.body(), JsonNode.class).get("code"))
                .isEqualTo(Json.read(unknown.body(), JsonNode.class).get("code"));
        assertThat(uploads.find("tenant-a", id).orElseThrow().status()).isEqualTo(UploadStatus.AwaitingUpload);
        verify(store, never()).deleteAll(anyString(), anyString());
    }

    @Test
    void deleteCancelsProcessingRemovesBlobsAndIsIdempotent() {
        String id = created("tenant-a", "v.mp4", "video/mp4");
        uploads.update("tenant-a", id, u -> u.startValidating(clock.instant())
                .startProcessing(new MediaInfo(10, 1280, 720, 30, true, 0), clock.instant()));

        assertThat(api.delete(get("tenant-a"), id).status()).isEqualTo(204);
        assertThat(api.delete(get("tenant-a"), id).status()).isEqualTo(204);

        verify(transcodes).cancel(eq(id), anyString());
        verify(store, org.mockito.Mockito.times(2)).deleteAll("uploads", "tenant-a/" + id + "/");
        verify(store, org.mockito.Mockito.times(2)).deleteAll("media", "tenant-a/" + id + "/");
        ApiResponse after = api.get(get("tenant-a"), id);
        assertThat(after.status()).isEqualTo(200);
        assertThat(Json.read(after.body(), JsonNode.class).get("status").asText()).isEqualTo("Deleted");
    }

    @Test
    void listIsPagedFilteredAndTenantScoped() {
        for (int i = 0; i < 5; i++) {
            created("tenant-a", "f" + i + ".png", "image/png");
        }
        created("tenant-b", "other.png", "image/png");

        JsonNode first = Json.read(api.list(get("tenant-a", Map.of("limit", "3"))).body(), JsonNode.class);
        JsonNode second = Json.read(api.list(get("tenant-a", Map.of("limit", "3",
                "continuationToken", first.get("continuationToken").asText()))).body(), JsonNode.class);

        assertThat(first.get("items")).hasSize(3);
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.has("continuationToken")).isFalse();
        assertThat(Json.read(api.list(get("tenant-a", Map.of("status", "succeeded"))).body(), JsonNode.class)
                .get("items")).isEmpty();
        assertThat(api.list(get("tenant-a", Map.of("status", "Bogus"))).status()).isEqualTo(400);
        assertThat(api.list(get("tenant-a", Map.of("limit", "0"))).status()).isEqualTo(400);
        assertThat(api.list(get("tenant-a", Map.of("limit", "x"))).status()).isEqualTo(400);
        assertThat(api.list(get("tenant-a", Map.of("continuationToken", "garbage!"))).status()).isEqualTo(400);
    }

    @Test
    void unexpectedFailuresAre500ProblemsThatLeakNothing() {
        when(store.issueUploadTarget(any(), anyString(), any(), any())).thenThrow(new IllegalStateException("secret detail"));

        ApiResponse response = api.create(post("tenant-a", "{\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"sizeBytes\":8}"));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("secret detail");
        assertThat(uploads.list("tenant-a", UploadFilter.ALL, 10, Optional.empty()).items()).isEmpty();
    }

    private String created(String tenant, String fileName, String contentType) {
        ApiResponse response = api.create(post(tenant, "{\"fileName\":\"" + fileName + "\",\"contentType\":\""
                + contentType + "\",\"sizeBytes\":8}"));
        return Json.read(response.body(), JsonNode.class).get("uploadId").asText();
    }

    private ApiRequest post(String tenant, String body) {
        return new ApiRequest("POST", "https://api.test", auth(tenant), Map.of(), body);
    }

    private ApiRequest get(String tenant) {
        return get(tenant, Map.of());
    }

    private ApiRequest get(String tenant, Map<String, String> query) {
        return new ApiRequest("GET", "https://api.test", auth(tenant), query, "");
    }

    private Map<String, String> auth(String tenant) {
        return Map.of("Authorization", "Bearer " + tokens.mint(tenant, Duration.ofMinutes(5)));
    }
}
