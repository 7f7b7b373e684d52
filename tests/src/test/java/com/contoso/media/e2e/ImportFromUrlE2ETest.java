package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import com.contoso.media.e2e.SourceServer.Source;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Imports from a URL through the local runtime, from an HTTPS source on this machine (the test profile's guard lets
 * loopback in; nothing else changes): the file takes the same path as an uploaded one, a slice of the fetch per
 * message resumed with ranges, and every way a source can fail ends the upload {@code Rejected} with its own code,
 * with nothing in the inbox or the library.
 */
class ImportFromUrlE2ETest {

    private static final SourceServer SOURCES = new SourceServer();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final DevHost host = LocalRuntime.get();
    private final ApiClient api = new ApiClient(host.baseUrl());
    private final String tenant = "import-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @AfterAll
    static void stopSources() {
        SOURCES.close();
    }

    @Test
    void aPdfIsFetchedInSlicesWithRangesAndPromotedLikeAnUpload() {
        byte[] pdf = TestMedia.pdf(400 * 1024);
        // 128 KiB/s over 1-second slices: the fetch hands on from message to message, resuming with a range.
        String url = SOURCES.serve("/docs/report.pdf", Source.file(pdf).paced(128 * 1024));

        HttpResponse<String> created = importFrom(Map.of("sourceUrl", url + "?token=source-secret",
                "contentType", "application/pdf", "title", "Quarterly report", "tags", List.of("imported")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        JsonNode body = ApiClient.json(created);
        assertThat(body.get("sourceUrl").asText()).isEqualTo(url).doesNotContain("source-secret");
        assertThat(created.headers().firstValue("Retry-After")).isPresent();
        String statusUrl = body.get("statusUrl").asText();

        JsonNode fetching = ApiClient.json(api.get(token, "/api/uploads/" + body.get("uploadId").asText()));
        assertThat(fetching.get("status").asText()).isEqualTo("AwaitingUpload");
        assertThat(fetching.get("stage").asText()).isEqualTo("fetching");
        assertThat(fetching.at("/progress/bytesReceived").isIntegralNumber()).isTrue();

        JsonNode done = api.awaitTerminal(token, statusUrl, TIMEOUT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.get("fileName").asText()).isEqualTo("report.pdf");
        assertThat(done.get("sizeBytes").asLong()).isEqualTo(pdf.length);
        assertThat(done.get("title").asText()).isEqualTo("Quarterly report");
        byte[] original = api.download(ApiClient.output(done, "original").get("url").asText()).body();
        assertThat(original).isEqualTo(pdf);
        List<String> ranges = SOURCES.requests("/docs/report.pdf").stream().map(SourceServer.Request::range)
                .toList();
        assertThat(ranges.get(0)).isNull();
        assertThat(ranges).as("later slices resume where the previous one stopped").hasSizeGreaterThan(1)
                .allMatch(range -> range == null || range.matches("bytes=[1-9][0-9]*-"));
    }

    @Test
    void aVideoImportedFromAUrlIsTranscodedLikeAnUploadedOne() {
        String url = SOURCES.serve("/media/clip.mp4", Source.file(TestMedia.mp4(2, "320x240")));

        JsonNode done = api.awaitTerminal(token, statusUrl(importFrom(Map.of("sourceUrl", url,
                "contentType", "video/mp4"))), TIMEOUT);

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(ApiClient.outputLabels(done)).isNotEmpty();
        assertThat(ApiClient.output(done, "hls")).isNotNull();
    }

    @Test
    void aSourceThatIgnoresRangesIsFetchedInOneGo() {
        byte[] pdf = TestMedia.pdf(300 * 1024);
        String url = SOURCES.serve("/plain/whole.pdf", Source.file(pdf).withoutRanges().paced(128 * 1024));

        JsonNode done = api.awaitTerminal(token, statusUrl(importFrom(Map.of("sourceUrl", url,
                "contentType", "application/pdf", "sizeBytes", pdf.length))), TIMEOUT);

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(SOURCES.requests("/plain/whole.pdf")).extracting(SourceServer.Request::range).containsOnlyNulls();
    }

    @Test
    void urlsTheGuardRefusesAreA400AndNothingIsStored() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("https://10.0.0.7/file.pdf", "source_url_refused");
        refused.put("https://169.254.169.254/latest/meta-data", "source_url_refused");
        refused.put("https://[::ffff:10.0.0.1]/f.pdf", "source_url_refused");
        refused.put("https://2130706433/f.pdf", "source_url_refused");
        refused.put("http://example.com/file.pdf", "https_required");
        refused.put("https://example.com:8443/file.pdf", "source_port_refused");
        refused.put("ftp://example.com/file.pdf", "invalid_source_url");
        refused.put("https://user:pw@example.com/file.pdf", "invalid_source_url");
        refused.forEach((url, code) -> {
            HttpResponse<String> response = importFrom(Map.of("sourceUrl", url, "contentType", "application/pdf"));
            assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(400);
            JsonNode problem = ApiClient.json(response);
            assertThat(problem.get("code").asText()).as(url).isEqualTo(code);
            assertThat(problem.get("detail").asText()).doesNotContain("Exception");
        });
        assertThat(ApiClient.json(api.get(token, "/api/uploads")).get("items")).isEmpty();
    }

    @Test
    void aRedirectToAPrivateAddressIsRefusedAtTheRedirect() {
        String url = SOURCES.serve("/moved.pdf", Source.redirect("https://10.1.2.3/internal.pdf"));

        JsonNode done = awaitRejected(Map.of("sourceUrl", url, "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_refused");
        assertThat(done.at("/error/message").asText()).contains("private").doesNotContain("Exception");
    }

    @Test
    void tooManyRedirectsAreRefused() {
        for (int i = 0; i < 7; i++) {
            SOURCES.serve("/loop" + i, Source.redirect(SOURCES.url("/loop" + (i + 1))));
        }

        JsonNode done = awaitRejected(Map.of("sourceUrl", SOURCES.url("/loop0"), "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_refused");
        assertThat(SOURCES.requests("/loop6")).isEmpty();
    }

    @Test
    void aSourceLargerThanDeclaredIsCutOffWithoutALength() {
        byte[] pdf = TestMedia.pdf(2 * 1024 * 1024);
        String url = SOURCES.serve("/big.pdf", Source.file(pdf).withoutLength().withoutRanges());

        JsonNode done = awaitRejected(Map.of("sourceUrl", url, "contentType", "application/pdf",
                "sizeBytes", 100_000));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_too_large");
        assertThat(done.at("/error/message").asText()).contains("100000");
        assertThat(StoredBlobs.of(tenant, done.get("uploadId").asText())).isEmpty();
    }

    @Test
    void aSourceThatSaysItIsTooLargeIsRefusedBeforeItsBodyIsRead() {
        String url = SOURCES.serve("/declared-big.pdf", Source.file(TestMedia.pdf(300 * 1024)));

        JsonNode done = awaitRejected(Map.of("sourceUrl", url, "contentType", "application/pdf",
                "sizeBytes", 1000));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_too_large");
    }

    @Test
    void anHttpErrorFromTheSourceIsReportedWithItsStatus() {
        SOURCES.serve("/gone.pdf", Source.error(410));

        JsonNode done = awaitRejected(Map.of("sourceUrl", SOURCES.url("/gone.pdf"), "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_http_error");
        assertThat(done.at("/error/message").asText()).contains("410");
    }

    @Test
    void aServerErrorIsTriedAgainBeforeTheImportGivesUp() {
        SOURCES.serve("/flaky.pdf", Source.error(503));

        JsonNode done = awaitRejected(Map.of("sourceUrl", SOURCES.url("/flaky.pdf"), "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_http_error");
        assertThat(done.at("/error/message").asText()).contains("503");
        assertThat(SOURCES.requests("/flaky.pdf")).hasSize(2);
    }

    @Test
    void aSlowDripIsStopped() {
        String url = SOURCES.serve("/drip.pdf", Source.file(TestMedia.pdf(200 * 1024)).paced(200));

        JsonNode done = awaitRejected(Map.of("sourceUrl", url, "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_stalled");
    }

    @Test
    void anUnreachableSourceIsTriedAgainThenRejected() {
        JsonNode done = awaitRejected(Map.of("sourceUrl", "https://localhost:" + closedPort()
                + "/file.pdf", "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isEqualTo("source_unreachable");
        assertThat(done.at("/error/message").asText()).doesNotContain("Exception", "localhost");
    }

    @Test
    void aFileThatIsNotWhatItClaimsIsRejectedByIntakeAsAnUploadWouldBe() {
        String url = SOURCES.serve("/fake.pdf", Source.file("not a pdf at all".repeat(100).getBytes()));

        JsonNode done = awaitRejected(Map.of("sourceUrl", url, "contentType", "application/pdf"));

        assertThat(done.at("/error/code").asText()).isNotEmpty().doesNotStartWith("source_");
    }

    /** A port that was free a moment ago: nothing answers on it. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode awaitRejected(Map<String, Object> body) {
        JsonNode done = api.awaitTerminal(token, statusUrl(importFrom(body)), TIMEOUT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Rejected");
        assertThat(StoredBlobs.of(tenant, done.get("uploadId").asText())).isEmpty();
        return done;
    }

    private HttpResponse<String> importFrom(Map<String, Object> body) {
        return api.createUpload(token, Json.write(body));
    }

    private static String statusUrl(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return ApiClient.json(created).get("statusUrl").asText();
    }
}
