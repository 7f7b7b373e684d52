package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Uploads through HTTP on the local runtime (whose bus runs in chaos mode: duplicated and reordered deliveries)
 * until the usage report, folded from events, shows exactly what was uploaded.
 */
class UsageReportE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "rep-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void theReportShowsExactlyTheUploadsBytesRejectionsAndTranscodedSeconds() {
        List<JsonNode> finished = new ArrayList<>();
        finished.add(upload("a.pdf", "application/pdf", TestMedia.pdf(5_000)));
        finished.add(upload("b.pdf", "application/pdf", TestMedia.pdf(7_321)));
        finished.add(upload("c.png", "image/png", TestMedia.png()));
        finished.add(upload("fake.pdf", "application/pdf", TestMedia.png()));
        finished.add(upload("clip.mp4", "video/mp4", TestMedia.mp4(2, "320x240")));
        long bytes = finished.stream().mapToLong(u -> u.get("sizeBytes").asLong()).sum();
        JsonNode video = finished.get(4);
        assertThat(finished).extracting(u -> u.get("status").asText())
                .containsExactly("Succeeded", "Succeeded", "Succeeded", "Rejected", "Succeeded");
        long outputBytes = 0;
        for (JsonNode output : video.get("outputs")) {
            // The promoted original is already counted as uploaded bytes; output bytes are what transcoding wrote.
            outputBytes += output.get("kind").asText().equals("original") ? 0 : output.get("sizeBytes").asLong();
        }
        double transcodedSeconds = Math.round(video.get("media").get("durationSeconds").asDouble() * 1000) / 1000.0;

        JsonNode report = awaitTotals(5);

        JsonNode totals = report.get("totals");
        assertThat(totals.get("uploads").asLong()).isEqualTo(5);
        assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(bytes);
        assertThat(totals.get("rejected").asLong()).isEqualTo(1);
        assertThat(totals.get("videosTranscoded").asLong()).isEqualTo(1);
        assertThat(totals.get("transcodedSeconds").asDouble()).isEqualTo(transcodedSeconds);
        assertThat(totals.get("outputBytes").asLong()).isEqualTo(outputBytes);
        assertThat(totals.get("failed").asLong()).isZero();
        assertThat(Instant.parse(report.get("asOf").asText())).isAfterOrEqualTo(
                Instant.parse(video.get("updatedAt").asText()));
        assertThat(csvOf(report)).isEqualTo(csv());
        JsonNode otherTenant = ApiClient.json(api.get(host.tokens().mint("someone-else", Duration.ofMinutes(5)),
                "/api/reports/usage"));
        assertThat(otherTenant.get("totals").get("uploads").asLong()).isZero();
    }

    @Test
    void badRangesAre400ProblemJson() {
        HttpResponse<String> response = api.get(token, "/api/reports/usage?from=2026-02-30&to=2026-03-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(ApiClient.json(response).get("code").asText()).isEqualTo("invalid_date");
        assertThat(ApiClient.json(api.get(token, "/api/reports/usage?from=2020-01-01&to=2026-01-01"))
                .get("code").asText()).isEqualTo("range_too_long");
    }

    private JsonNode upload(String fileName, String contentType, byte[] bytes) {
        JsonNode created = ApiClient.json(api.createUpload(token, fileName, contentType, bytes.length));
        assertThat(api.putBlob(created, bytes).statusCode()).isEqualTo(201);
        return api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
    }

    /** Reports are eventually consistent: poll until the uploads count arrives, then give stragglers a moment. */
    private JsonNode awaitTotals(long uploads) {
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode report = report();
        while (report.get("totals").get("videosTranscoded").asLong() < 1
                || report.get("totals").get("uploads").asLong() < uploads) {
            assertThat(System.currentTimeMillis()).as("report caught up in time: %s", report).isLessThan(deadline);
            ApiClient.sleep(100);
            report = report();
        }
        ApiClient.sleep(500);
        return report();
    }

    private JsonNode report() {
        return ApiClient.json(api.get(token, "/api/reports/usage?" + range()));
    }

    private String csv() {
        return api.send(HttpRequest.newBuilder(URI.create(host.baseUrl() + "/api/reports/usage?" + range()))
                .header("Authorization", "Bearer " + token).header("Accept", "text/csv").GET().build()).body();
    }

    private static String range() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return "from=" + today.minusDays(1) + "&to=" + today;
    }

    private static String csvOf(JsonNode report) {
        StringBuilder csv = new StringBuilder(
                "day,uploads,uploadedBytes,videosTranscoded,transcodedSeconds,outputBytes,rejected,failed\n");
        for (JsonNode day : report.get("days")) {
            csv.append(String.join(",", day.get("day").asText(), day.get("uploads").asText(),
                    day.get("uploadedBytes").asText(), day.get("videosTranscoded").asText(),
                    day.get("transcodedSeconds").asText(), day.get("outputBytes").asText(),
                    day.get("rejected").asText(), day.get("failed").asText())).append('\n');
        }
        return csv.toString();
    }
}
