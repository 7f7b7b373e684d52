package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fair use per tenant through the local runtime, as a tenant sees it: with one encoding slot, a second video waits
 * as {@code Queued} with its place shown, keeps its place through a {@code kill -9} of the runtime (its own JVM),
 * and succeeds once the first is done; with a daily quota of one minute, a longer video is rejected at intake, and once the minute is used a new
 * video is refused with 429 until midnight UTC while other files still go through.
 */
class FairUseE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int KILLED_PORT = 7194;
    private static final String KILLED_BASE = "http://127.0.0.1:" + KILLED_PORT;
    /** One encoding slot and a one-minute quota, on containers, tables and queues of their own. */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("UPLOADS_CONTAINER", "fairuse-uploads"), Map.entry("MEDIA_CONTAINER", "fairuse-media"),
            Map.entry("UPLOADS_TABLE", "fairuseuploads"), Map.entry("LEDGERS_TABLE", "fairuseledgers"),
            Map.entry("LOCAL_BUS_PREFIX", "fairuse"),
            Map.entry("TENANT_MAX_ACTIVE_TRANSCODES", "1"), Map.entry("TENANT_DAILY_TRANSCODE_MINUTES", "1"),
            Map.entry("TRANSCODE_QUEUE_POLL_SECONDS", "2"));

    @TempDir
    Path data;

    @Test
    void aVideoBeyondTheTenantsSlotWaitsQueuedThroughAKillNineAndThenSucceeds() throws Exception {
        String token = DevTokenIssuer.loadOrCreate(data.resolve("dev-signing-key.json"))
                .mint("fair-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(30));
        ApiClient api = new ApiClient(KILLED_BASE);
        byte[] longer = TestMedia.mp4(20, "1280x720");
        byte[] shorter = TestMedia.mp4(3, "320x240");
        Process first = RuntimeProcess.start(KILLED_PORT, data, SETTINGS);
        String firstId;
        String secondId;
        try {
            firstId = upload(api, token, "first.mp4", longer);
            await(api, token, firstId, "Processing");
            secondId = upload(api, token, "second.mp4", shorter);

            JsonNode queued = await(api, token, secondId, "Queued");
            assertThat(queued.get("queuePosition").asInt()).isEqualTo(1);
            assertThat(queued.get("stage").asText()).isEqualTo("queued");
            HttpResponse<String> status = api.get(token, "/api/uploads/" + secondId);
            assertThat(status.statusCode()).isEqualTo(202);
            assertThat(status.headers().firstValue("Retry-After")).isPresent();
            String only = secondId;
            JsonNode listed = ApiClient.json(api.get(token, "/api/uploads?status=Queued")).get("items");
            assertThat(listed).singleElement().satisfies(item -> {
                assertThat(item.get("uploadId").asText()).isEqualTo(only);
                assertThat(item.get("queuePosition").asInt()).isEqualTo(1);
            });
            JsonNode usage = ApiClient.json(api.get(token, "/api/reports/usage")).get("transcoding");
            assertThat(usage.get("active").asInt()).isEqualTo(1);
            assertThat(usage.get("queued").asInt()).isEqualTo(1);
            assertThat(usage.get("maxActive").asInt()).isEqualTo(1);
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = RuntimeProcess.start(KILLED_PORT, data, SETTINGS);
        try {
            JsonNode firstDone = api.awaitTerminal(token, KILLED_BASE + "/api/uploads/" + firstId, TIMEOUT);
            JsonNode secondDone = api.awaitTerminal(token, KILLED_BASE + "/api/uploads/" + secondId, TIMEOUT);

            assertThat(firstDone.get("status").asText()).isEqualTo("Succeeded");
            assertThat(secondDone.get("status").asText()).isEqualTo("Succeeded");
            assertThat(ApiClient.outputLabels(secondDone)).contains("hls:master");
            assertThat(secondDone.has("queuePosition")).isFalse();
            assertThat(Instant.parse(secondDone.get("updatedAt").asText()))
                    .as("the second finished after the first: one slot").isAfter(
                            Instant.parse(firstDone.get("updatedAt").asText()));
            JsonNode usage = ApiClient.json(api.get(token, "/api/reports/usage")).get("transcoding");
            assertThat(usage.get("active").asInt()).as("the slot was given back").isZero();
            assertThat(usage.get("queued").asInt()).isZero();
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    @Test
    void aVideoOverTheDailyQuotaIsRejectedAndOnceItIsUsedNewVideosGet429UntilMidnight() {
        String tenant = "quota-" + UUID.randomUUID().toString().substring(0, 8);
        try (DevHost host = start()) {
            ApiClient api = new ApiClient(host.baseUrl());
            String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

            String tooLong = upload(api, token, "too-long.mp4", TestMedia.mp4(61, "160x120"));
            JsonNode rejected = api.awaitTerminal(token, host.baseUrl() + "/api/uploads/" + tooLong, TIMEOUT);
            assertThat(rejected.get("status").asText()).isEqualTo("Rejected");
            assertThat(rejected.at("/error/code").asText()).isEqualTo("quota_exceeded");
            assertThat(rejected.at("/error/message").asText()).contains("1.0 of today's 1 minutes")
                    .doesNotContain("Exception", "http");

            String fits = upload(api, token, "one-minute.mp4", TestMedia.mp4(60, "160x120"));
            awaitAdmitted(api, token, fits);
            HttpResponse<String> refused = api.createUpload(token, "more.mp4", "video/mp4", 1000);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = ApiClient.json(refused);
            assertThat(problem.get("code").asText()).isEqualTo("quota_exceeded");
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            long untilMidnight = Duration.between(Instant.now(),
                    LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
            assertThat(retryAfter).isBetween(untilMidnight - 60, untilMidnight + 1);
            assertThat(api.createUpload(token, "page.pdf", "application/pdf", 1000).statusCode())
                    .as("other files are not transcoded, so not counted").isEqualTo(201);
            JsonNode usage = ApiClient.json(api.get(token, "/api/reports/usage")).get("transcoding");
            assertThat(usage.get("minutesUsed").asDouble()).isEqualTo(1.0);
            assertThat(usage.get("dailyQuotaMinutes").asInt()).isEqualTo(1);
            assertThat(api.awaitTerminal(token, host.baseUrl() + "/api/uploads/" + fits, TIMEOUT).get("status").asText())
                    .isEqualTo("Succeeded");
        }
    }

    private DevHost start() {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("DEVHOST_PORT", "0");
        settings.put("DEVHOST_DATA_DIR", data.toString());
        return DevHost.start(new Settings(settings));
    }

    private static String upload(ApiClient api, String token, String name, byte[] mp4) {
        JsonNode created = ApiClient.json(api.createUpload(token, name, "video/mp4", mp4.length));
        assertThat(api.putBlob(created, mp4).statusCode()).isEqualTo(201);
        return created.get("uploadId").asText();
    }

    /** Until intake has decided (the minutes are charged when it admits the video). */
    private static void awaitAdmitted(ApiClient api, String token, String uploadId) {
        Instant deadline = Instant.now().plusSeconds(60);
        String status = "AwaitingUpload";
        while (Set.of("AwaitingUpload", "Validating").contains(status) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(50);
            status = ApiClient.json(api.get(token, "/api/uploads/" + uploadId)).get("status").asText();
        }
        assertThat(status).isIn("Processing", "Succeeded");
    }

    private static JsonNode await(ApiClient api, String token, String uploadId, String status) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode upload = ApiClient.json(api.get(token, "/api/uploads/" + uploadId));
            if (upload.get("status").asText().equals(status)) {
                return upload;
            }
            assertThat(upload.get("status").asText()).as("still on its way to " + status)
                    .isIn("AwaitingUpload", "Validating", "Queued", "Processing");
            ApiClient.sleep(50);
        }
        throw new AssertionError(uploadId + " never reached " + status);
    }
}
