package com.contoso.media.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.contoso.media.app.AzureClients;
import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.e2e.TestMedia;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.messaging.StorageQueueBus;
import com.contoso.media.uploads.TableUploadRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Function App's entry points, called as the Java worker calls them, in a JVM configured as {@code func start}
 * on Azurite configures it (environment variables set by this module's pom): a video goes from {@code CreateUpload}
 * through {@code UploadIntake} (an Event Grid payload), the {@code TranscodeVideo} orchestration and its activity
 * functions, the outbox relay (change feed and timer shapes), the aggregators (Service Bus batch and queue shapes,
 * each event delivered to both, so twice), the webhook dispatcher and sender, to its row in the usage report; the
 * rest of the API and the timer jobs are called on the same data. Every function the packaged app declares is
 * called at least once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionAppEntryPointsTest {

    private static final int JWKS_PORT = 7195;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final byte[] SOURCE_PDF = TestMedia.pdf(20_000);
    private final Settings settings = Settings.fromEnvironment();
    private final DevTokenIssuer tokens = DevTokenIssuer.generate();
    private final String tenant = "entry-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> webhookCalls = Collections.synchronizedList(new ArrayList<>());
    private HttpServer jwksAndReceiver;
    private Worker worker;
    private Path histories;
    private String token;

    @BeforeAll
    void start() throws IOException {
        // Only the pom's function-app-entry-points execution configures this JVM as func start would (a -Dtest run
        // selects the test in the default execution too, where it has nothing to run on).
        assumeTrue(settings.find(AppSetting.AUTH_JWKS_URL).filter(("http://127.0.0.1:" + JWKS_PORT + "/jwks")::equals)
                .isPresent(), "the function-app-entry-points execution sets the worker's environment");
        // The identity provider's keys, and a tenant's webhook receiver, on one loopback server.
        jwksAndReceiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), JWKS_PORT), 0);
        jwksAndReceiver.createContext("/jwks", exchange -> {
            byte[] keys = tokens.publicJwks().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwksAndReceiver.createContext("/hook", exchange -> {
            webhookCalls.add(exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        // A tenant's file host for an import (IMPORT_ALLOW_LOOPBACK in this execution only).
        jwksAndReceiver.createContext("/source.pdf", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/pdf");
            exchange.sendResponseHeaders(200, SOURCE_PDF.length);
            exchange.getResponseBody().write(SOURCE_PDF);
            exchange.close();
        });
        jwksAndReceiver.start();
        BlobServiceClient blobs = AzureClients.blobService(settings);
        blobs.getBlobContainerClient(settings.get(AppSetting.UPLOADS_CONTAINER)).createIfNotExists();
        blobs.getBlobContainerClient(settings.get(AppSetting.MEDIA_CONTAINER)).createIfNotExists();
        histories = Files.createTempDirectory("entry-points-durable");
        worker = new Worker(histories);
        token = tokens.mint(tenant, Duration.ofMinutes(30));
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
            jwksAndReceiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void aVideoGoesFromCreateThroughIntakeTheOrchestrationAndTheEventsToItsReportRow() throws Exception {
        JsonNode hook = json(http("POST", "/api/webhooks", "{\"url\":\"http://127.0.0.1:" + JWKS_PORT
                + "/hook\",\"events\":[\"media.transcode.*\"]}", 201));
        // Two chunks: the first is the lead, run by TranscodeVideo itself; the second is an EncodeChunks batch.
        byte[] mp4 = TestMedia.mp4(12, "320x240");
        JsonNode created = json(http("POST", "/api/uploads", Json.write(Map.of("fileName", "clip.mp4",
                "contentType", "video/mp4", "sizeBytes", mp4.length,
                "transcode", Map.of("mp4", true, "audioOnly", true, "chunkSeconds", 8))), 201));
        String id = created.get("uploadId").asText();
        assertThat(put(created, mp4)).isEqualTo(201);

        worker.invoke("UploadIntake", Map.of("event", Json.write(Map.of("id", UUID.randomUUID().toString(),
                "eventType", "Microsoft.Storage.BlobCreated", "subject", "/blobServices/default/containers/"
                        + settings.get(AppSetting.UPLOADS_CONTAINER) + "/blobs/" + tenant + "/" + id + "/clip.mp4",
                "eventTime", Instant.now().toString(), "data", Map.of("api", "PutBlob")))));
        JsonNode done = awaitTerminal(id);

        assertThat(done.get("status").asText()).isEqualTo("Succeeded");
        // The record is Succeeded before the orchestration's last step (giving the slot back) has run.
        Instant completedBy = Instant.now().plusSeconds(30);
        while (!worker.orchestration(id).equals(Optional.of(com.contoso.media.transcoding.InstanceState.COMPLETED))
                && Instant.now().isBefore(completedBy)) {
            sleep(100);
        }
        assertThat(worker.orchestration(id)).as("TranscodeVideo ran through the worker")
                .contains(com.contoso.media.transcoding.InstanceState.COMPLETED);
        String master = done.get("outputs").findValues("url").stream().map(JsonNode::asText)
                .filter(url -> url.contains("/api/playback/")).findFirst().orElseThrow();
        URI playback = URI.create(master);
        WorkerHttp.Response playlist = worker.http("GET", playback.getRawPath() + "?" + playback.getRawQuery(),
                Map.of(), null);
        assertThat(playlist.getStatusCode()).isEqualTo(200);
        assertThat(playlist.text()).startsWith("#EXTM3U");

        relayTheOutbox();
        List<String> usage = drain("UsageAggregatorQueue");
        assertThat(usage).as("every event continues the trace the host began for CreateUpload").isNotEmpty()
                .allSatisfy(message -> assertThat(Json.read(Json.read(message, JsonNode.class).path("body").asText(),
                        JsonNode.class).path("traceparent").asText()).contains(Worker.HOST_TRACE_ID));
        worker.invoke("UsageAggregator", Map.of("messages", bodies(usage)));
        List<String> storage = drain("StorageAggregatorQueue");
        worker.invoke("StorageAggregator", Map.of("messages", bodies(storage)));
        List<String> webhooks = drain("WebhookDispatcherQueue");
        worker.invoke("WebhookDispatcher", Map.of("messages", bodies(webhooks)));
        List<String> attempts = drain("WebhookSenderQueue");
        assertThat(attempts).as("one attempt per matching event, each dispatched twice").isNotEmpty();
        worker.invoke("WebhookSender", Map.of("message", bodies(attempts).get(0)));

        JsonNode totals = json(http("GET", "/api/reports/usage", null, 200)).get("totals");
        assertThat(totals.get("uploads").asInt()).as("each event delivered twice, counted once").isEqualTo(1);
        assertThat(totals.get("videosTranscoded").asInt()).isEqualTo(1);
        assertThat(totals.get("uploadedBytes").asLong()).isEqualTo(mp4.length);
        JsonNode current = json(http("GET", "/api/reports/storage/current", null, 200));
        assertThat(current.at("/bytes/originals").asLong()).isEqualTo(mp4.length);
        assertThat(current.at("/uploadsByStatus/Succeeded").asInt()).isEqualTo(1);
        assertThat(json(http("GET", "/api/reports/storage", null, 200)).get("days")).isNotEmpty();
        assertThat(webhookCalls).as("started and succeeded, each POSTed once though dispatched twice")
                .hasSize(2).allSatisfy(call -> assertThat(call).contains(id));

        String hookPath = "/api/webhooks/" + hook.get("id").asText();
        JsonNode deliveries = json(http("GET", hookPath + "/deliveries", null, 200));
        assertThat(deliveries.get("items")).hasSize(2);
        http("POST", hookPath + "/deliveries/" + deliveries.get("items").get(0).get("id").asText() + "/redeliver",
                null, 202);
        http("POST", hookPath + "/test", null, 202);
        http("PATCH", hookPath, "{\"description\":\"entry points\"}", 200);
        assertThat(json(http("POST", hookPath + "/rotate-secret", "{}", 200)).get("secret").asText())
                .startsWith("whsec_");
        assertThat(json(http("GET", hookPath, null, 200)).get("description").asText()).isEqualTo("entry points");
        assertThat(json(http("GET", "/api/webhooks", null, 200)).get("items")).hasSize(1);
        http("DELETE", hookPath, null, 204);

        assertThat(json(http("GET", "/api/uploads?limit=5", null, 200)).get("items")).hasSize(1);
        assertThat(done.get("outputs").findValuesAsText("kind")).as("WriteDownloads and CreateStoryboard ran")
                .contains("mp4", "m4a", "storyboard", "sprite");
        clipAndImport(id);
        assertThat(json(http("GET", "/api/health", null, 200)).get("status").asText()).isEqualTo("healthy");
        assertThat(json(http("GET", "/api/openapi.json", null, 200)).get("openapi").asText()).isEqualTo("3.1.0");

        // The failure path's activities, replayed after success as a retry would: they change nothing that counts.
        String request = Json.write(Map.of("uploadId", id, "tenantId", tenant, "source", Map.of("container",
                settings.get(AppSetting.MEDIA_CONTAINER), "name", tenant + "/" + id + "/original/clip.mp4"),
                "correlationId", "entry-points"));
        worker.invoke("EndUpload", Map.of("input", Json.write(Map.of("request", Json.read(request, JsonNode.class),
                "status", "Failed", "code", "transcode_failed", "message", "replayed", "detail", "replayed"))));
        assertThat(json(http("GET", "/api/uploads/" + id, null, 200)).get("status").asText()).isEqualTo("Succeeded");
        assertThat(json(http("PATCH", "/api/uploads/" + id, "{\"title\":\"Edited\",\"tags\":[\"a\"]}", 200))
                .get("title").asText()).isEqualTo("Edited");
        http("DELETE", "/api/uploads/" + id, null, 204);
        worker.invoke("DeleteOutputs", Map.of("input", request));
        assertThat(json(http("GET", "/api/uploads/" + id, null, 200)).get("status").asText()).isEqualTo("Deleted");
    }

    @Test
    @Order(2)
    void theTimerJobsRunOnTheSameData() {
        for (String job : List.of("ExpireAbandonedUploads", "SweepInbox", "TranscodeWatchdog", "ReconcileReports",
                "WebhookWatchdog", "RedriveDeadLetters", "RelayOutboxTimer")) {
            worker.invoke(job, Map.of("timer", Worker.TIMER));
        }
        assertThat(json(http("GET", "/api/reports/usage", null, 200)).at("/totals/uploads").asInt())
                .as("reconciliation folds what the reports had not seen yet: the clip and the import").isEqualTo(3);
    }

    @Test
    @Order(2)
    void theOperatorOnboardsListsAndSuspendsATenant() {
        String admin = tokens.mint("ops-" + tenant, Duration.ofMinutes(30), DevTokenIssuer.Kind.ADMIN);
        String customer = "customer-" + tenant;
        String directory = "dir-" + customer;

        assertThat(json(http(admin, "POST", "/api/manage/tenants", Json.write(Map.of("tenantId", customer,
                "directoryId", directory)), 201)).get("status").asText()).isEqualTo("Active");
        assertThat(json(http(admin, "GET", "/api/manage/tenants", null, 200)).get("items").findValuesAsText("tenantId"))
                .contains(customer);
        http(admin, "PATCH", "/api/manage/tenants/" + customer, "{\"status\":\"Suspended\"}", 200);
        assertThat(json(http(admin, "GET", "/api/manage/tenants/" + customer, null, 200)).get("status").asText())
                .isEqualTo("Suspended");

        String suspended = tokens.mint(directory, Duration.ofMinutes(5));
        assertThat(json(http(suspended, "GET", "/api/uploads", null, 403)).get("code").asText())
                .isEqualTo("tenant_suspended");
        assertThat(json(http("GET", "/api/manage/tenants", null, 403)).get("code").asText())
                .isEqualTo("insufficient_scope");
    }

    @Test
    @Order(3)
    void everyFunctionThePackagedAppDeclaresWasCalledAsTheWorkerWould() {
        assertThat(worker.invoked()).containsExactlyInAnyOrderElementsOf(worker.declared());
    }

    /** A clip of the video (CreateClip, then CutClip in its orchestration), and an import (ImportSource). */
    private void clipAndImport(String videoId) throws Exception {
        captions(videoId);
        JsonNode clip = json(http("POST", "/api/uploads/" + videoId + "/clips", "{\"start\":0,\"end\":2}", 202));
        assertThat(awaitTerminal(clip.get("uploadId").asText()).get("status").asText()).isEqualTo("Succeeded");

        JsonNode imported = json(http("POST", "/api/uploads", Json.write(Map.of("sourceUrl", "http://127.0.0.1:"
                + JWKS_PORT + "/source.pdf", "contentType", "application/pdf")), 202));
        String importId = imported.get("uploadId").asText();
        assertThat(drain("ImportSource")).as("the first slice of the fetch").isNotEmpty();
        worker.invoke("UploadIntake", Map.of("event", Json.write(Map.of("id", UUID.randomUUID().toString(),
                "eventType", "Microsoft.Storage.BlobCreated", "subject", "/blobServices/default/containers/"
                        + settings.get(AppSetting.UPLOADS_CONTAINER) + "/blobs/" + tenant + "/" + importId
                        + "/source.pdf", "eventTime", Instant.now().toString(), "data", Map.of("api", "PutBlockList")))));
        JsonNode fetched = awaitTerminal(importId);
        assertThat(fetched.get("status").asText()).as(fetched.toString()).isEqualTo("Succeeded");
        assertThat(fetched.get("sizeBytes").asLong()).isEqualTo(SOURCE_PDF.length);
    }

    /** A caption track added (AddCaptions, the SRT file as the body), listed (ListCaptions) and deleted. */
    private void captions(String videoId) {
        WorkerHttp.Response added = worker.http("POST", "/api/uploads/" + videoId + "/captions?language=en",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-subrip"),
                "1\n00:00:00,500 --> 00:00:01,500\nHello\n");
        assertThat(added.getStatusCode()).as(added.text()).isEqualTo(201);
        String trackId = json(added).get("id").asText();
        assertThat(json(http("GET", "/api/uploads/" + videoId + "/captions", null, 200)).get("items")
                .findValuesAsText("id")).containsExactly(trackId);
        http("DELETE", "/api/uploads/" + videoId + "/captions/" + trackId, null, 204);
    }

    /**
     * The change feed's shape first (the outbox documents among the container's changed documents), then the timer
     * twin for whatever the first left: both publish to the topic and clear the outbox.
     */
    private void relayTheOutbox() {
        TableUploadRepository records = new TableUploadRepository(AzureClients.table(settings, AppSetting.UPLOADS_TABLE));
        ArrayNode changed = Json.MAPPER.createArrayNode();
        changed.add(Json.MAPPER.createObjectNode().put("id", "not-an-outbox-document").put("docType", "upload"));
        for (UploadEvent event : records.pending(100)) {
            ObjectNode document = Json.MAPPER.createObjectNode().put("id", "outbox-" + event.id())
                    .put("tenantId", event.tenantId()).put("docType", "outbox");
            document.set("event", Json.MAPPER.valueToTree(event));
            changed.add(document);
        }
        assertThat(changed).hasSizeGreaterThan(3);
        worker.invoke("RelayOutbox", Map.of("documents", changed.toString()));
        worker.invoke("RelayOutboxTimer", Map.of("timer", Worker.TIMER));
        assertThat(records.pending(100)).isEmpty();
    }

    /**
     * Takes every message on the queue the twin listens on and hands each to it as the host does (base64-decoded,
     * host.json), deleting it once the function returns; returns what it handed over.
     */
    private List<String> drain(String twin) {
        JsonNode trigger = com.contoso.media.infra.PackagedFunctions.trigger(worker.function(twin));
        String queueName = resolve(trigger.path("queueName").asText());
        QueueClient queue = new QueueServiceClientBuilder().connectionString(settings.get(AppSetting.STORAGE_CONNECTION_STRING))
                .buildClient().getQueueClient(queueName);
        List<String> handed = new ArrayList<>();
        Instant quiet = Instant.now().plusSeconds(2);
        while (Instant.now().isBefore(quiet)) {
            Iterator<QueueMessageItem> batch = queue.receiveMessages(32).iterator();
            if (!batch.hasNext()) {
                sleep(100);
                continue;
            }
            while (batch.hasNext()) {
                QueueMessageItem message = batch.next();
                String text = new String(Base64.getDecoder().decode(message.getBody().toString()),
                        StandardCharsets.UTF_8);
                worker.invoke(twin, Map.of(trigger.path("name").asText(), text));
                queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
                handed.add(text);
            }
            quiet = Instant.now().plusSeconds(2);
        }
        return handed;
    }

    /** {@code %NAME%} placeholders as the host resolves them, from the app settings (or their defaults). */
    private String resolve(String value) {
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("%([^%]+)%").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            AppSetting setting = java.util.Arrays.stream(AppSetting.values())
                    .filter(s -> s.settingName().equals(placeholder.group(1))).findFirst().orElseThrow();
            placeholder.appendReplacement(resolved, settings.get(setting));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    private static List<String> bodies(List<String> queueMessages) {
        return queueMessages.stream().map(StorageQueueBus::bodyOf).toList();
    }

    private JsonNode awaitTerminal(String id) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            WorkerHttp.Response status = worker.http("GET", "/api/uploads/" + id, auth(), null);
            if (status.getStatusCode() == 200) {
                return Json.read(status.text(), JsonNode.class);
            }
            assertThat(status.getStatusCode()).as(status.text()).isEqualTo(202);
            sleep(200);
        }
        throw new AssertionError("upload " + id + " did not finish");
    }

    private WorkerHttp.Response http(String method, String path, String body, int expected) {
        return http(token, method, path, body, expected);
    }

    private WorkerHttp.Response http(String bearer, String method, String path, String body, int expected) {
        WorkerHttp.Response response = worker.http(method, path, Map.of("Authorization", "Bearer " + bearer,
                "Content-Type", "application/json"), body);
        assertThat(response.getStatusCode()).as(method + " " + path + ": " + response.text()).isEqualTo(expected);
        return response;
    }

    private Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static JsonNode json(WorkerHttp.Response response) {
        return Json.read(response.text(), JsonNode.class);
    }

    private static int put(JsonNode created, byte[] bytes) throws IOException, InterruptedException {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(created.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        created.get("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return HttpClient.newHttpClient().send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
