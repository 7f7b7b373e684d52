package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Azurite goes away in the middle of the work: a file has just been uploaded and not yet taken in. While it is
 * down, the API answers 503 problem JSON with Retry-After instead of hanging; when it returns, the pending upload
 * finishes, new uploads work and the usage report is exact, with no restart of the runtime and no reconciliation.
 * This test runs its own Azurite on its own ports, so stopping it disturbs no other suite.
 */
class AzuriteOutageE2ETest {

    private static final int PORT = 7195;
    private static final int BLOB_PORT = 20110;
    private static final String BASE = "http://127.0.0.1:" + PORT;
    private static final Path AZURITE = RepoPaths.ROOT.resolve("tools/azurite/node_modules/.bin/azurite");
    /** Azurite's well-known development account key (public, documented, Azurite only). */
    private static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String CONNECTION = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
            + ACCOUNT_KEY + ";BlobEndpoint=http://localhost:" + BLOB_PORT + "/devstoreaccount1;QueueEndpoint="
            + "http://localhost:" + (BLOB_PORT + 1) + "/devstoreaccount1;TableEndpoint=http://localhost:"
            + (BLOB_PORT + 2) + "/devstoreaccount1;";

    @Test
    void whileAzuriteIsDownRequestsFailClearlyAndWhenItReturnsEverythingFinishes() throws Exception {
        assertThat(AZURITE).as("Azurite installed by scripts/azurite.sh or .ci/run").exists();
        Path data = Files.createTempDirectory("azurite-outage");
        Path storage = data.resolve("azurite");
        String token = DevTokenIssuer.loadOrCreate(data.resolve("dev-signing-key.json"))
                .mint("outage-" + Instant.now().toEpochMilli(), Duration.ofMinutes(30));
        ApiClient api = new ApiClient(BASE);
        Process azurite = startAzurite(storage);
        Process runtime = null;
        try {
            runtime = RuntimeProcess.start(PORT, data, Map.of("AzureWebJobsStorage", CONNECTION,
                    "DEVHOST_RECONCILE_ON_START", "false", "RECONCILE_REPORTS_SCHEDULE", "0 0 0 1 1 *",
                    "LOG_LEVEL", "WARN"));
            byte[] before = TestMedia.pdf(4_000);
            JsonNode first = ApiClient.json(api.createUpload(token, "before.pdf", "application/pdf", before.length));
            api.putBlob(first, before);
            assertThat(api.awaitTerminal(token, first.get("statusUrl").asText(), Duration.ofSeconds(60))
                    .get("status").asText()).isEqualTo("Succeeded");

            byte[] during = TestMedia.pdf(5_000);
            JsonNode pending = ApiClient.json(api.createUpload(token, "during.pdf", "application/pdf", during.length));
            api.putBlob(pending, during);
            azurite.destroy();
            azurite.waitFor();

            for (HttpResponse<String> refused : List.of(
                    api.send(authorized(token, "/api/uploads").GET().build()),
                    api.send(authorized(token, "/api/uploads").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"fileName\":\"down.pdf\",\"contentType\":\"application/pdf\",\"sizeBytes\":10}"))
                            .build()))) {
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(ApiClient.json(refused).get("code").asText()).isEqualTo("dependency_unavailable");
            }

            azurite = startAzurite(storage);
            assertThat(api.awaitTerminal(token, pending.get("statusUrl").asText(), Duration.ofSeconds(90))
                    .get("status").asText()).as("the upload caught by the outage").isEqualTo("Succeeded");
            byte[] after = TestMedia.pdf(6_000);
            JsonNode third = ApiClient.json(api.createUpload(token, "after.pdf", "application/pdf", after.length));
            api.putBlob(third, after);
            assertThat(api.awaitTerminal(token, third.get("statusUrl").asText(), Duration.ofSeconds(60))
                    .get("status").asText()).isEqualTo("Succeeded");

            JsonNode totals = api.awaitUsageUploads(token, 3, Duration.ofSeconds(90));
            assertThat(totals.get("uploads").asLong()).isEqualTo(3);
            assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(before.length + during.length + after.length);
        } finally {
            if (runtime != null) {
                runtime.destroyForcibly().waitFor();
            }
            azurite.destroyForcibly().waitFor();
        }
    }

    /** The request's own timeout bounds the wait: an API that hangs fails the test instead of stalling the run. */
    private static HttpRequest.Builder authorized(String token, String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static Process startAzurite(Path storage) throws IOException, InterruptedException {
        Files.createDirectories(storage);
        Process process = new ProcessBuilder(AZURITE.toString(), "--silent", "--skipApiVersionCheck", "--loose",
                "--disableTelemetry", "--location", storage.toString(),
                "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(BLOB_PORT),
                "--queueHost", "127.0.0.1", "--queuePort", String.valueOf(BLOB_PORT + 1),
                "--tableHost", "127.0.0.1", "--tablePort", String.valueOf(BLOB_PORT + 2))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(storage.resolve("azurite.log").toFile())).start();
        for (int i = 0; i < 300; i++) {
            if (listening(BLOB_PORT) && listening(BLOB_PORT + 1) && listening(BLOB_PORT + 2)) {
                return process;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the test's Azurite did not start; see " + storage.resolve("azurite.log"));
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
