package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets a clear answer, and nothing else is affected: a finished upload of the same tenant
 * (the sentinel) is unchanged and still downloadable, and refused requests leave no record behind.
 */
class BadInputE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "bad-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));
    private JsonNode sentinel;
    private byte[] sentinelBytes;

    @BeforeEach
    void uploadASentinel() {
        sentinelBytes = TestMedia.png();
        JsonNode created = ApiClient.json(api.createUpload(token, "sentinel.png", "image/png", sentinelBytes.length));
        api.putBlob(created, sentinelBytes);
        sentinel = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
        assertThat(sentinel.get("status").asText()).isEqualTo("Succeeded");
    }

    @AfterEach
    void theSentinelIsUntouched() {
        JsonNode now = ApiClient.json(api.get(token, "/api/uploads/" + sentinel.get("uploadId").asText()));
        assertThat(now.get("status").asText()).isEqualTo("Succeeded");
        assertThat(now.get("updatedAt")).isEqualTo(sentinel.get("updatedAt"));
        assertThat(api.download(now.at("/outputs/0/url").asText()).body()).isEqualTo(sentinelBytes);
    }

    @Test
    void aZeroByteFileIsRejected() {
        assertRejected("empty.png", "image/png", 4096, new byte[0], "empty_file");
    }

    @Test
    void aFileWhoseSizeDiffersFromTheDeclaredSizeIsRejected() {
        assertRejected("short.png", "image/png", 5000, TestMedia.png(), "size_mismatch");
    }

    @Test
    void aTextFileDeclaredAsVideoIsRejected() {
        byte[] text = "just some text pretending to be a movie".getBytes(StandardCharsets.UTF_8);
        assertRejected("movie.mp4", "video/mp4", text.length, text, "signature_mismatch");
    }

    @Test
    void aTruncatedMp4IsRejected() {
        byte[] mp4 = TestMedia.mp4(2, "320x240");
        byte[] truncated = Arrays.copyOf(mp4, mp4.length / 2);
        assertRejected("cut.mp4", "video/mp4", truncated.length, truncated, "unreadable_media");
    }

    @Test
    void malformedCreateRequestsAre400AndWriteNothing() {
        assertProblem(api.createUpload(token, "../escape.png", "image/png", 10), 400, "invalid_file_name");
        assertProblem(api.createUpload(token, "big.mp4", "video/mp4", 64L * 1024 * 1024 + 1), 400, "file_too_large");
        assertProblem(api.createUpload(token, "a.exe", "application/x-msdownload", 10), 400, "unsupported_content_type");
        assertProblem(api.createUpload(token, "{\"fileName\": \"a.png\", "), 400, "malformed_json");

        assertThat(ApiClient.json(api.get(token, "/api/uploads")).get("items")).hasSize(1);
    }

    @Test
    void missingExpiredAndWrongAudienceTokensAre401() {
        DevTokenIssuer tokens = host.tokens();
        String expired = tokens.mint(tenant, DevTokenIssuer.AUDIENCE, Instant.now().minusSeconds(120));
        String wrongAudience = tokens.mint(tenant, "api://someone-else", Instant.now().plusSeconds(300));

        assertProblem(api.createUpload(null, "a.png", "image/png", 10), 401, "unauthorized");
        assertProblem(api.createUpload(expired, "a.png", "image/png", 10), 401, "unauthorized");
        assertProblem(api.createUpload(wrongAudience, "a.png", "image/png", 10), 401, "unauthorized");
        assertProblem(api.get(expired, "/api/uploads/" + sentinel.get("uploadId").asText()), 401, "unauthorized");

        assertThat(ApiClient.json(api.get(token, "/api/uploads")).get("items")).hasSize(1);
    }

    @Test
    void anotherTenantsIdAnswers404LikeAnUnknownOne() {
        String intruder = host.tokens().mint("intruder-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofMinutes(5));
        String path = "/api/uploads/" + sentinel.get("uploadId").asText();

        assertProblem(api.get(intruder, path), 404, "not_found");
        assertProblem(api.delete(intruder, path), 404, "not_found");
        assertProblem(api.get(token, "/api/uploads/" + UUID.randomUUID()), 404, "not_found");
    }

    private void assertRejected(String fileName, String contentType, long declared, byte[] bytes, String code) {
        JsonNode created = ApiClient.json(api.createUpload(token, fileName, contentType, declared));
        assertThat(api.putBlob(created, bytes).statusCode()).isEqualTo(201);

        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);

        assertThat(done.get("status").asText()).isEqualTo("Rejected");
        assertThat(done.at("/error/code").asText()).isEqualTo(code);
        assertThat(done.at("/error/message").asText()).isNotBlank();
        assertThat(done.get("outputs")).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }
}
