package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled jobs on local runtimes whose limits are shrunk to zero, run on demand through the admin route. */
class JobsE2ETest {

    @TempDir
    static Path expiringData;
    @TempDir
    static Path watchedData;
    /** Upload URLs live zero minutes and expire with no grace. */
    private static DevHost expiring;
    /** The watchdog examines every Processing upload, however young. */
    private static DevHost watched;

    @BeforeAll
    static void start() {
        expiring = start(expiringData, Map.of("UPLOAD_URL_TTL_MINUTES", "0", "UPLOAD_EXPIRY_GRACE_MINUTES", "0",
                "UPLOADS_CONTAINER", "expiring-uploads", "MEDIA_CONTAINER", "expiring-media",
                "UPLOADS_TABLE", "expiringuploads", "LOCAL_BUS_PREFIX", "expiring"));
        watched = start(watchedData, Map.of("WATCHDOG_MIN_AGE_MINUTES", "0",
                "UPLOADS_CONTAINER", "watched-uploads", "MEDIA_CONTAINER", "watched-media",
                "UPLOADS_TABLE", "watcheduploads", "LOCAL_BUS_PREFIX", "watched"));
    }

    private static DevHost start(Path data, Map<String, String> limits) {
        Map<String, String> settings = new java.util.HashMap<>(limits);
        settings.putAll(Map.of("DEVHOST_PORT", "0", "DEVHOST_DATA_DIR", data.toString(),
                // Scheduled runs far away, so only the runs a test asks for happen.
                "EXPIRE_UPLOADS_SCHEDULE", "0 0 0 1 1 *", "TRANSCODE_WATCHDOG_SCHEDULE", "0 0 0 1 1 *",
                "RECONCILE_REPORTS_SCHEDULE", "0 0 0 1 1 *", "REDRIVE_DEAD_LETTERS_SCHEDULE", "0 0 0 1 1 *",
                "SWEEP_INBOX_SCHEDULE", "0 0 0 1 1 *"));
        return DevHost.start(new Settings(settings));
    }

    @AfterAll
    static void stop() {
        expiring.close();
        watched.close();
    }

    @Test
    void anUploadNobodySentExpires() throws InterruptedException {
        DevHost host = expiring;
        ApiClient api = new ApiClient(host.baseUrl());
        String tenant = "jobs-" + UUID.randomUUID().toString().substring(0, 8);
        String token = host.tokens().mint(tenant, Duration.ofMinutes(15));
        String admin = host.tokens().mintAdmin("ops", Duration.ofMinutes(15));
        JsonNode created = ApiClient.json(api.createUpload(token, "never.png", "image/png", 10));
        Thread.sleep(20);

        JsonNode summary = run(host, "ExpireAbandonedUploads", admin);

        assertThat(summary.get("job").asText()).isEqualTo("ExpireAbandonedUploads");
        assertThat(summary.get("changed").asInt()).isPositive();
        JsonNode upload = ApiClient.json(api.get(token, "/api/uploads/" + created.get("uploadId").asText()));
        assertThat(upload.get("status").asText()).isEqualTo("Expired");
        assertThat(upload.at("/error/code").asText()).isEqualTo("upload_expired");
        assertThat(run(host, "ExpireAbandonedUploads", admin).get("changed").asInt()).as("second run").isZero();

        // A PUT after expiry: storage refuses the expired SAS, and bytes that got in some other way (a commit that
        // started just in time) are removed as soon as intake hears of them.
        String uploadId = created.get("uploadId").asText();
        assertThat(api.putBlob(created, TestMedia.png()).statusCode()).isEqualTo(403);
        StoredBlobs.write("expiring-uploads", tenant + "/" + uploadId + "/never.png", TestMedia.png());
        assertThat(StoredBlobs.awaitGone("expiring-uploads", tenant + "/" + uploadId + "/never.png")).isTrue();
        assertThat(StoredBlobs.of("expiring-uploads", "expiring-media", tenant, uploadId)).isEmpty();
        assertThat(ApiClient.json(api.get(token, "/api/uploads/" + uploadId)).get("status").asText())
                .isEqualTo("Expired");
    }

    @Test
    void theInboxSweepRunsOnDemandAndFindsNothingIntakeLeft() {
        JsonNode summary = run(expiring, "SweepInbox", expiring.tokens().mintAdmin("ops", Duration.ofMinutes(5)));

        assertThat(summary.get("job").asText()).isEqualTo("SweepInbox");
        assertThat(summary.get("failed").asInt()).isZero();
    }

    @Test
    void theWatchdogResolvesAnUploadWhoseOrchestrationWasTerminatedBehindItsBack() {
        DevHost host = watched;
        ApiClient api = new ApiClient(host.baseUrl());
        String token = host.tokens().mint("jobs-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(15));
        byte[] mp4 = TestMedia.mp4(10, "1280x720");
        JsonNode created = ApiClient.json(api.createUpload(token, "orphan.mp4", "video/mp4", mp4.length));
        String uploadId = created.get("uploadId").asText();
        assertThat(api.putBlob(created, mp4).statusCode()).isEqualTo(201);
        api.awaitStatus(token, host.baseUrl() + "/api/uploads/" + uploadId, "Processing", Duration.ofSeconds(30));

        host.transcodes().cancel(uploadId, "terminated behind the API's back");
        run(host, "TranscodeWatchdog", host.tokens().mintAdmin("ops", Duration.ofMinutes(5)));

        JsonNode upload = ApiClient.json(api.get(token, "/api/uploads/" + uploadId));
        assertThat(upload.get("status").asText()).isEqualTo("Failed");
        assertThat(upload.at("/error/code").asText()).isEqualTo("transcode_lost");
        assertThat(upload.at("/error/message").asText()).startsWith("Transcoding stopped before it finished")
                .doesNotContain("orchestration");
    }

    @Test
    void reconciliationRacingTheEventsStillCountsTheUploadOnceAndRedriveSummarises() throws InterruptedException {
        DevHost host = watched;
        ApiClient api = new ApiClient(host.baseUrl());
        String token = host.tokens().mint("jobs-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(15));
        String admin = host.tokens().mintAdmin("ops", Duration.ofMinutes(15));
        byte[] pdf = TestMedia.pdf(4_321);
        JsonNode created = ApiClient.json(api.createUpload(token, "r.pdf", "application/pdf", pdf.length));
        api.putBlob(created, pdf);
        api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofSeconds(30));

        JsonNode reconciled = run(host, "ReconcileReports", admin);
        JsonNode again = run(host, "ReconcileReports", admin);
        JsonNode redrive = run(host, "RedriveDeadLetters", admin);

        assertThat(reconciled.get("examined").asInt()).isPositive();
        assertThat(reconciled.get("details").has("eventsApplied")).isTrue();
        assertThat(again.get("changed").asInt()).isZero();
        assertThat(redrive.get("job").asText()).isEqualTo("RedriveDeadLetters");
        assertThat(redrive.get("details").get("redriven").asInt()).isZero();
        Thread.sleep(1_000); // whether the event or the reconciliation came first, the upload counts once
        JsonNode totals = ApiClient.json(api.get(token, "/api/reports/usage")).get("totals");
        assertThat(totals.get("uploads").asLong()).isEqualTo(1);
        assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(4_321);
    }

    @Test
    void onlyAdminsRunJobsAndUnknownJobsAre404() {
        String tenantToken = watched.tokens().mint("someone", Duration.ofMinutes(5));
        String admin = watched.tokens().mintAdmin("ops", Duration.ofMinutes(5));

        assertThat(post(watched, "/api/admin/jobs/ExpireAbandonedUploads", tenantToken).statusCode()).isEqualTo(403);
        assertThat(post(watched, "/api/admin/jobs/ExpireAbandonedUploads", null).statusCode()).isEqualTo(401);
        assertThat(post(watched, "/api/admin/jobs/NoSuchJob", admin).statusCode()).isEqualTo(404);
    }

    private static JsonNode run(DevHost host, String job, String adminToken) {
        HttpResponse<String> response = post(host, "/api/admin/jobs/" + job, adminToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    private static HttpResponse<String> post(DevHost host, String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return new ApiClient(host.baseUrl()).send(request.build());
    }
}
