package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or careless upload can cost, through the local runtime with storage named by host, as in Azure:
 * limits and a patched header are refused at intake with a sentence for the tenant, before any encode.
 */
class SourceSafetyE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "safety-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void withStorageNamedByHostAVideoIsProbedAndTranscoded() {
        byte[] mp4 = TestMedia.mp4(4, "640x360");
        JsonNode created = ApiClient.json(api.createUpload(token, "host.mp4", "video/mp4", mp4.length));
        assertThat(URI.create(created.get("uploadUrl").asText()).getHost())
                .as("the runtime's storage endpoint goes through name resolution").isEqualTo("localhost");

        JsonNode done = upload(created, mp4);

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        assertThat(ApiClient.outputLabels(done)).contains("hls:master", "rendition:360p");
        JsonNode health = ApiClient.json(api.get(null, "/api/health"));
        assertThat(health.at("/dependencies/ffmpeg").asText()).isEqualTo("up");
    }

    @Test
    void aSmallFileClaimingTenHoursIsRejectedForItsDuration() {
        JsonNode done = uploadVideo("ten-hours.mp4", TestMedia.claimingSeconds(TestMedia.mp4(2, "320x240"), 36_000));

        assertRejected(done, "duration_too_long", "10:00:00", "4:00:00");
    }

    @Test
    void aSmallFileClaimingTwoHoursIsRejectedBecauseNothingBacksTheClaim() {
        JsonNode done = uploadVideo("two-hours.mp4", TestMedia.claimingSeconds(TestMedia.mp4(2, "320x240"), 7_200));

        assertRejected(done, "implausible_duration", "2:00:00");
    }

    @Test
    void aFrameWiderThanTheLimitIsRejectedNamingBothSizes() {
        JsonNode done = uploadVideo("wide.mp4", TestMedia.mp4(1, "4200x240"));

        assertRejected(done, "frame_too_large", "4200x240", "4096x4096");
    }

    private JsonNode uploadVideo(String name, byte[] mp4) {
        return upload(ApiClient.json(api.createUpload(token, name, "video/mp4", mp4.length)), mp4);
    }

    private JsonNode upload(JsonNode created, byte[] mp4) {
        assertThat(api.putBlob(created, mp4).statusCode()).isEqualTo(201);
        return api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
    }

    /** Rejected with the code, a sentence naming what was found and the limit, and no bytes kept or served. */
    private static void assertRejected(JsonNode done, String code, String... named) {
        assertThat(done.get("status").asText()).isEqualTo("Rejected");
        assertThat(done.at("/error/code").asText()).isEqualTo(code);
        String message = done.at("/error/message").asText();
        assertThat(message).contains(named).doesNotContain("http", "/tmp", "Exception", "sig=");
        assertThat(done.path("outputs")).isEmpty();
        String body = done.toString();
        assertThat(body).doesNotContain("sig=", "Exception", "127.0.0.1:");
    }
}
