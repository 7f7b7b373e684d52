package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.e2e.SourceServer.Source;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local runtime in its own JVM, killed with SIGKILL while two imports fetch: one from a source that takes
 * ranges, which must resume where its staged blocks end (never from the start), and one from a source that does
 * not, which must start over. After the restart both end {@code Succeeded} with exactly the source's bytes.
 */
class ImportCrashE2ETest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void aKilledFetchResumesWithARangeOrStartsOverAndNothingPartialIsKept() throws Exception {
        Map<String, String> settings = new HashMap<>(IsolatedRuntime.settings("impk", "import-kill"));
        settings.putAll(LocalRuntime.IMPORT_TEST_PROFILE);
        settings.put("IMPORT_QUEUE", settings.get("LOCAL_BUS_PREFIX") + "-imports");
        settings.put("LOG_LEVEL", "WARN");
        Path data = Path.of(settings.remove("DEVHOST_DATA_DIR"));
        int port = freePort();
        String token = DevTokenIssuer.loadOrCreate(data.resolve("dev-signing-key.json"))
                .mint("import-kill-" + Instant.now().toEpochMilli(), Duration.ofMinutes(30));
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        byte[] ranged = TestMedia.pdf(1_500_000);
        byte[] whole = TestMedia.pdf(1_200_000);

        try (SourceServer sources = new SourceServer()) {
            Process first = RuntimeProcess.start(port, data, settings);
            String rangedStatus = imported(api, token, sources.serve("/ranged.pdf",
                    Source.file(ranged).paced(200 * 1024)));
            String wholeStatus = imported(api, token, sources.serve("/whole.pdf",
                    Source.file(whole).withoutRanges().paced(200 * 1024)));
            awaitBytes(api, token, rangedStatus, 400_000);
            first.destroyForcibly().waitFor();

            Process second = RuntimeProcess.start(port, data, settings);
            try {
                JsonNode rangedDone = api.awaitTerminal(token, rangedStatus, TIMEOUT);
                JsonNode wholeDone = api.awaitTerminal(token, wholeStatus, TIMEOUT);

                assertThat(rangedDone.get("status").asText()).as(rangedDone.toString()).isEqualTo("Succeeded");
                assertThat(wholeDone.get("status").asText()).as(wholeDone.toString()).isEqualTo("Succeeded");
                assertThat(api.download(ApiClient.output(rangedDone, "original").get("url").asText()).body())
                        .isEqualTo(ranged);
                assertThat(api.download(ApiClient.output(wholeDone, "original").get("url").asText()).body())
                        .isEqualTo(whole);
                List<String> ranges = sources.requests("/ranged.pdf").stream().map(SourceServer.Request::range)
                        .toList();
                assertThat(ranges.subList(1, ranges.size())).as("resumed, never restarted: " + ranges)
                        .isNotEmpty().doesNotContainNull();
                assertThat(sources.requests("/whole.pdf")).as("started over after the kill").hasSizeGreaterThan(1);
            } finally {
                second.destroyForcibly().waitFor();
            }
        }
    }

    private static String imported(ApiClient api, String token, String url) {
        var created = api.createUpload(token, Json.write(Map.of("sourceUrl", url, "contentType", "application/pdf")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return ApiClient.json(created).get("statusUrl").asText();
    }

    private static void awaitBytes(ApiClient api, String token, String statusUrl, long bytes) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        String path = statusUrl.substring(statusUrl.indexOf("/api/"));
        while (ApiClient.json(api.get(token, path)).at("/progress/bytesReceived").asLong() < bytes) {
            assertThat(Instant.now()).as("the fetch got going").isBefore(deadline);
            ApiClient.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
