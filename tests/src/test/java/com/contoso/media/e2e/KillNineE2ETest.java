package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local runtime in its own JVM, killed with SIGKILL right after its uploads finished (events still in the
 * outbox, on the queue, or in an aggregator's hands), then started again with reconciliation off: the usage
 * report must reach exactly the uploads' count and bytes from what Azurite kept, and stay there, and the storage
 * report must hold each upload's bytes and status once.
 */
class KillNineE2ETest {

    private static final int PORT = 7193;
    private static final String BASE = "http://127.0.0.1:" + PORT;

    @Test
    void aKilledRuntimeLosesNoEventAndCountsNoneTwiceWithoutReconciliation() throws Exception {
        Path data = Files.createTempDirectory("kill-nine");
        String token = DevTokenIssuer.loadOrCreate(data.resolve("dev-signing-key.json"))
                .mint("kill-" + Instant.now().toEpochMilli(), Duration.ofMinutes(30));
        ApiClient api = new ApiClient(BASE);

        Process first = start(data);
        List<String> statusUrls = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < 6; i++) {
            byte[] pdf = TestMedia.pdf(3_000 + 101 * i);
            JsonNode created = ApiClient.json(api.createUpload(token, "k" + i + ".pdf", "application/pdf", pdf.length));
            api.putBlob(created, pdf);
            statusUrls.add(created.get("statusUrl").asText());
            bytes += pdf.length;
        }
        for (String statusUrl : statusUrls) {
            assertThat(api.awaitTerminal(token, statusUrl, Duration.ofSeconds(60)).get("status").asText())
                    .isEqualTo("Succeeded");
        }
        first.destroyForcibly().waitFor();

        Process second = start(data);
        try {
            JsonNode totals = api.awaitUsageUploads(token, 6, Duration.ofSeconds(120));
            assertThat(totals.get("uploads").asLong()).isEqualTo(6);
            assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(bytes);
            ApiClient.sleep(3_000);
            JsonNode later = ApiClient.json(api.get(token, "/api/reports/usage")).get("totals");
            assertThat(later.get("uploads").asLong()).as("nothing counted twice").isEqualTo(6);
            assertThat(later.get("uploadedBytes").asLong()).isEqualTo(bytes);
            // The storage report, fed by its own subscription, is exact too: each PDF counted once.
            JsonNode storage = ApiClient.json(api.get(token, "/api/reports/storage/current"));
            assertThat(storage.path("bytes").path("originals").asLong()).as("stored bytes").isEqualTo(bytes);
            assertThat(storage.path("uploadsByStatus").path("Succeeded").asLong()).isEqualTo(6);
            assertThat(storage.path("uploadsByStatus").path("AwaitingUpload").asLong()).isZero();
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private static Process start(Path data) throws IOException, InterruptedException {
        return RuntimeProcess.start(PORT, data, Map.ofEntries(
                Map.entry("UPLOADS_CONTAINER", "kill-uploads"), Map.entry("MEDIA_CONTAINER", "kill-media"),
                Map.entry("UPLOADS_TABLE", "killuploads"), Map.entry("REPORTS_TABLE", "killreports"),
                Map.entry("WEBHOOKS_TABLE", "killwebhooks"), Map.entry("STORAGE_TABLE", "killstorage"),
                Map.entry("LOCAL_BUS_PREFIX", "kill"), Map.entry("LOCAL_BUS_CHAOS", "true"),
                Map.entry("DEVHOST_RECONCILE_ON_START", "false"),
                Map.entry("RECONCILE_REPORTS_SCHEDULE", "0 0 0 1 1 *"), Map.entry("LOG_LEVEL", "WARN")));
    }
}
