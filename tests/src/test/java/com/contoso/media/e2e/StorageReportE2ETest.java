package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The storage report through HTTP on the local runtime (whose bus duplicates and reorders deliveries): a PDF and a
 * video uploaded, the PDF deleted; the live figures and today's row show exactly the video's bytes by kind, and the
 * CSV says what the JSON says.
 */
class StorageReportE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "sto-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @Test
    void aDeletedUploadStopsCountingAndTheVideosBytesAreSplitByKind() {
        JsonNode pdf = upload("a.pdf", "application/pdf", TestMedia.pdf(5_000));
        JsonNode video = upload("clip.mp4", "video/mp4", TestMedia.mp4(2, "320x240"));
        assertThat(List.of(pdf.path("status").asText(), video.path("status").asText()))
                .containsExactly("Succeeded", "Succeeded");
        assertThat(api.delete(token, "/api/uploads/" + pdf.path("uploadId").asText()).statusCode()).isEqualTo(204);
        long renditions = 0;
        long thumbnails = 0;
        for (JsonNode output : video.path("outputs")) {
            switch (output.path("kind").asText()) {
                case "rendition", "hls", "mp4", "m4a" -> renditions += output.path("sizeBytes").asLong();
                case "thumbnail", "poster", "storyboard", "sprite" -> thumbnails += output.path("sizeBytes").asLong();
                default -> { }
            }
        }

        JsonNode current = awaitCurrent(c -> c.path("uploadsByStatus").path("Deleted").asLong() == 1
                && c.path("uploadsByStatus").path("Succeeded").asLong() == 1);

        assertThat(current.path("bytes").path("originals").asLong()).isEqualTo(video.path("sizeBytes").asLong());
        assertThat(current.path("bytes").path("renditions").asLong()).isEqualTo(renditions).isPositive();
        assertThat(current.path("bytes").path("thumbnails").asLong()).isEqualTo(thumbnails).isPositive();
        assertThat(current.path("bytes").path("total").asLong())
                .isEqualTo(video.path("sizeBytes").asLong() + renditions + thumbnails);
        assertThat(current.path("uploadsByStatus").path("Processing").asLong()).isZero();
        assertThat(Instant.parse(current.path("asOf").asText())).isAfterOrEqualTo(
                Instant.parse(video.path("updatedAt").asText()));

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode report = ApiClient.json(api.get(token, "/api/reports/storage?from=" + today + "&to=" + today));
        JsonNode day = report.path("days").get(0);
        assertThat(day.path("day").asText()).isEqualTo(today);
        assertThat(day.path("bytes")).isEqualTo(current.path("bytes"));
        assertThat(day.path("uploadsByStatus")).isEqualTo(current.path("uploadsByStatus"));
        // Today's byte-days: what is stored now until midnight, plus what the deleted PDF held while it lasted.
        BigDecimal byteDays = day.path("byteDays").path("total").decimalValue();
        assertThat(byteDays).isPositive();
        assertThat(day.path("byteDays").path("originals").decimalValue())
                .isGreaterThan(BigDecimal.ZERO);
        assertThat(report.path("totals").path("byteDays")).isEqualTo(day.path("byteDays"));

        HttpResponse<String> csv = api.send(HttpRequest.newBuilder(URI.create(host.baseUrl()
                        + "/api/reports/storage?from=" + today + "&to=" + today))
                .header("Authorization", "Bearer " + token).header("Accept", "text/csv").GET().build());
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] header = csv.body().lines().toList().get(0).split(",");
        String[] row = csv.body().lines().toList().get(1).split(",");
        assertThat(row[0]).isEqualTo(today);
        assertThat(Long.parseLong(row[List.of(header).indexOf("totalBytes")])).isEqualTo(day.path("bytes").path("total").asLong());
        assertThat(new BigDecimal(row[List.of(header).indexOf("totalByteDays")])).isEqualByComparingTo(byteDays);
        assertThat(new BigDecimal(row[List.of(header).indexOf("gbDays")])).isEqualByComparingTo(day.path("gbDays").decimalValue());
        assertThat(Long.parseLong(row[List.of(header).indexOf("Deleted")])).isEqualTo(1);

        JsonNode stranger = ApiClient.json(api.get(host.tokens().mint("sto-stranger", Duration.ofMinutes(5)),
                "/api/reports/storage/current"));
        assertThat(stranger.path("bytes").path("total").asLong()).isZero();
    }

    @Test
    void badRangesAre400ProblemJson() {
        HttpResponse<String> response = api.get(token, "/api/reports/storage?from=2026-11-10&to=2026-11-01");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(response).path("code").asText()).isEqualTo("invalid_range");
        assertThat(ApiClient.json(api.get(token, "/api/reports/storage?to=nope")).path("code").asText())
                .isEqualTo("invalid_date");
    }

    private JsonNode upload(String fileName, String contentType, byte[] bytes) {
        JsonNode created = ApiClient.json(api.createUpload(token, fileName, contentType, bytes.length));
        assertThat(api.putBlob(created, bytes).statusCode()).isEqualTo(201);
        return api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
    }

    private JsonNode awaitCurrent(java.util.function.Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JsonNode current = ApiClient.json(api.get(token, "/api/reports/storage/current"));
        while (!done.test(current) && Instant.now().isBefore(deadline)) {
            ApiClient.sleep(250);
            current = ApiClient.json(api.get(token, "/api/reports/storage/current"));
        }
        return current;
    }
}
