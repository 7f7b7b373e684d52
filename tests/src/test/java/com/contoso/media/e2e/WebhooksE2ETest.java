package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end on a local runtime of their own (short retry delays; its bus duplicates and reorders
 * deliveries), with real HTTP receivers that verify every signature with their own code.
 */
class WebhooksE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static DevHost host;
    private static ApiClient api;

    private final String tenant = "wh-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @BeforeAll
    static void start() throws IOException {
        // Names of its own in the shared Azurite, fresh each run: nothing an earlier run left can reach this one.
        Map<String, String> settings = new HashMap<>(IsolatedRuntime.settings("wh", "devhost-webhooks"));
        settings.put("LOCAL_BUS_CHAOS", "true");
        // Seconds instead of the default 5 s .. 12 h, so retries and disabling happen within the test.
        settings.put("WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s,1s");
        // Longer than the five retries take even on a busy box (each lands up to about 2.5 s after the one before, the
        // bus's polling included), so a dead receiver's delivery makes all six attempts before its endpoint is
        // switched off; at 8 s a slow CI box saw the endpoint disabled after the fifth.
        settings.put("WEBHOOK_DISABLE_AFTER", "15s");
        host = DevHost.start(new Settings(settings));
        api = new ApiClient(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void anUploadsEventsArriveSignedInOrderOncePerEvent() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = create(receiver, List.of("media.upload.accepted", "media.transcode.succeeded"));
            assertThat(endpoint.path("secret").asText()).startsWith("whsec_");

            JsonNode upload = upload("clip.mp4", "video/mp4", TestMedia.mp4(2, "320x240"));
            assertThat(upload.path("status").asText()).isEqualTo("Succeeded");
            List<WebhookReceiver.Received> got = await(receiver, r -> distinctIds(r) >= 2);
            ApiClient.sleep(1500); // time for any duplicate to arrive

            got = receiver.received();
            assertThat(got).allSatisfy(r -> assertThat(r.signatureValid()).as("signature of " + r.webhookId()).isTrue());
            List<String> types = got.stream().map(r -> Json.read(r.body(), JsonNode.class).path("type").asText())
                    .distinct().toList();
            assertThat(types).containsExactly("media.upload.accepted", "media.transcode.succeeded");
            assertThat(distinctIds(got)).isEqualTo(2);
            // A repeat of an event (the chaos bus duplicates them) carries the same webhook-id and the same body.
            Map<String, Set<String>> bodiesById = got.stream().collect(Collectors.groupingBy(
                    WebhookReceiver.Received::webhookId, Collectors.mapping(WebhookReceiver.Received::body,
                            Collectors.toSet())));
            assertThat(bodiesById.values()).allSatisfy(bodies -> assertThat(bodies).hasSize(1));
            JsonNode succeeded = Json.read(got.get(got.size() - 1).body(), JsonNode.class);
            assertThat(succeeded.path("subject").asText()).isEqualTo(upload.path("uploadId").asText());
            assertThat(succeeded.path("tenantid").asText()).isEqualTo(tenant);
            assertThat(succeeded.path("specversion").asText()).isEqualTo("1.0");
        }
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthWithTheSameId() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer(n -> n <= 3 ? 500 : 204);
            JsonNode endpoint = create(receiver, List.of("*"));

            send("POST", "/api/webhooks/" + endpoint.path("id").asText() + "/test", null);
            List<WebhookReceiver.Received> got = await(receiver, r -> r.stream().anyMatch(x -> x.answered() == 204));

            assertThat(got).hasSize(4).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 500, 204);
            assertThat(got).extracting(WebhookReceiver.Received::webhookId).containsOnly(got.get(0).webhookId());
            assertThat(got).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
            assertThat(got.get(3).timestamp()).as("a fresh timestamp per attempt").isGreaterThan(got.get(0).timestamp());
            JsonNode delivery = awaitDelivery(endpoint, d -> d.path("status").asText().equals("Succeeded"));
            assertThat(delivery.path("id").asText()).isEqualTo(got.get(0).webhookId());
            assertThat(delivery.path("attempts")).hasSize(4);
            assertThat(delivery.path("attempts").get(0).path("statusCode").asInt()).isEqualTo(500);
            assertThat(delivery.path("attempts").get(3).path("statusCode").asInt()).isEqualTo(204);
        }
    }

    @Test
    void aDeadReceiverEndsFailedIsDisabledAndTheTenantIsTold() throws IOException {
        try (WebhookReceiver ops = new WebhookReceiver()) {
            JsonNode opsEndpoint = create(ops, List.of("webhook.endpoint.disabled"));
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            JsonNode dead = created(send("POST", "/api/webhooks", Json.write(Map.of(
                    "url", "http://127.0.0.1:" + closedPort + "/hook", "events", List.of("*")))));
            String deadId = dead.path("id").asText();
            Instant firstFailure = Instant.now();

            send("POST", "/api/webhooks/" + deadId + "/test", null);
            JsonNode failed = awaitDelivery(dead, d -> d.path("status").asText().equals("Failed"));
            assertThat(failed.path("attempts")).hasSize(6)
                    .allSatisfy(a -> assertThat(a.path("error").asText()).isNotBlank());
            assertThat(failed.has("nextAttemptAt")).isFalse();

            // Still failing once WEBHOOK_DISABLE_AFTER (15 s) has passed since the first failure: switched off.
            ApiClient.sleep(Math.max(0, Duration.between(Instant.now(), firstFailure.plusSeconds(16)).toMillis()));
            send("POST", "/api/webhooks/" + deadId + "/test", null);
            JsonNode endpoint = awaitEndpoint(deadId, e -> !e.path("enabled").asBoolean());
            assertThat(endpoint.path("disabledReason").asText()).contains("failing since");
            ops.trust(opsEndpoint.path("secret").asText());
            List<WebhookReceiver.Received> told = await(ops, r -> !r.isEmpty());
            JsonNode notice = Json.read(told.get(0).body(), JsonNode.class);
            assertThat(notice.path("type").asText()).isEqualTo("webhook.endpoint.disabled");
            assertThat(notice.path("data").path("endpointId").asText()).isEqualTo(deadId);
            assertThat(told.get(0).signatureValid()).isTrue();
            HttpResponse<String> refused = send("POST", "/api/webhooks/" + deadId + "/test", null);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(refused).path("code").asText()).isEqualTo("endpoint_disabled");
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpAnotherTenantsDelivery() throws IOException, InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (WebhookReceiver slow = new WebhookReceiver(); WebhookReceiver fast = new WebhookReceiver()) {
            slow.beforeAnswering(() -> awaitQuietly(release));
            JsonNode slowEndpoint = create(slow, List.of("*"));
            for (int i = 0; i < 3; i++) {
                send("POST", "/api/webhooks/" + slowEndpoint.path("id").asText() + "/test", null);
            }
            String other = "wh-other-" + UUID.randomUUID().toString().substring(0, 8);
            String otherToken = host.tokens().mint(other, Duration.ofMinutes(5));
            JsonNode fastEndpoint = created(api.send(request("POST", "/api/webhooks", otherToken, Json.write(Map.of(
                    "url", fast.url(), "events", List.of("*"))))));
            fast.trust(fastEndpoint.path("secret").asText());

            api.send(request("POST", "/api/webhooks/" + fastEndpoint.path("id").asText() + "/test", otherToken, null));
            List<WebhookReceiver.Received> got = await(fast, r -> !r.isEmpty());

            assertThat(got.get(0).signatureValid()).isTrue();
            assertThat(slow.received()).as("the slow receiver has answered nothing yet").isEmpty();
            assertThat(release.getCount()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void urlsReachingPrivateAddressesAreRefusedAtCreateAndNothingIsStored() {
        for (String url : List.of("https://10.0.0.5/hook", "https://169.254.169.254/latest/meta-data/",
                "https://[::ffff:10.0.0.1]/hook", "https://[fd00::1]/hook", "https://2130706433/hook",
                "https://0177.0.0.1/hook", "http://192.168.1.10/hook")) {
            HttpResponse<String> response = send("POST", "/api/webhooks", Json.write(Map.of("url", url,
                    "events", List.of("*"))));
            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(ApiClient.json(response).path("code").asText()).as(url).isEqualTo("webhook_url_refused");
        }
        HttpResponse<String> plainHttp = send("POST", "/api/webhooks", Json.write(Map.of(
                "url", "http://hooks.example.com/hook", "events", List.of("*"))));
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        HttpResponse<String> badEvents = send("POST", "/api/webhooks", Json.write(Map.of(
                "url", "https://hooks.example.com/hook", "events", List.of("media.nothing"))));
        assertThat(ApiClient.json(badEvents).path("code").asText()).isEqualTo("invalid_events");
        assertThat(ApiClient.json(send("GET", "/api/webhooks", null)).path("items")).isEmpty();
    }

    @Test
    void endpointsAreTenantScopedAndSecretsAreShownOnlyOnCreateAndRotate() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = create(receiver, List.of("media.upload.*"));
            String id = endpoint.path("id").asText();
            String stranger = host.tokens().mint("wh-stranger", Duration.ofMinutes(5));

            assertThat(api.send(request("GET", "/api/webhooks/" + id, stranger, null)).statusCode()).isEqualTo(404);
            assertThat(api.send(request("DELETE", "/api/webhooks/" + id, stranger, null)).statusCode()).isEqualTo(404);
            JsonNode read = ApiClient.json(send("GET", "/api/webhooks/" + id, null));
            assertThat(read.has("secret")).isFalse();
            JsonNode patched = ApiClient.json(send("PATCH", "/api/webhooks/" + id, Json.write(Map.of(
                    "events", List.of("media.transcode.*"), "description", "transcodes only"))));
            assertThat(patched.path("events").get(0).asText()).isEqualTo("media.transcode.*");
            JsonNode rotated = ApiClient.json(send("POST", "/api/webhooks/" + id + "/rotate-secret", null));
            assertThat(rotated.path("secret").asText()).startsWith("whsec_")
                    .isNotEqualTo(endpoint.path("secret").asText());

            // During the overlap a receiver holding either secret verifies the message.
            send("POST", "/api/webhooks/" + id + "/test", null);
            List<WebhookReceiver.Received> got = await(receiver, r -> !r.isEmpty());
            assertThat(got.get(0).signatureValid()).as("old secret").isTrue();
            assertThat(got.get(0).signature().split(" ")).hasSize(2);

            assertThat(send("DELETE", "/api/webhooks/" + id, null).statusCode()).isEqualTo(204);
            assertThat(send("GET", "/api/webhooks/" + id, null).statusCode()).isEqualTo(404);
        }
    }

    private JsonNode create(WebhookReceiver receiver, List<String> events) {
        JsonNode endpoint = created(send("POST", "/api/webhooks", Json.write(Map.of("url", receiver.url(),
                "events", events, "description", "e2e receiver"))));
        receiver.trust(endpoint.path("secret").asText());
        return endpoint;
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ApiClient.json(response);
    }

    private JsonNode upload(String fileName, String contentType, byte[] bytes) {
        JsonNode created = ApiClient.json(api.createUpload(token, fileName, contentType, bytes.length));
        assertThat(api.putBlob(created, bytes).statusCode()).isEqualTo(201);
        return api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return api.send(request(method, path, token, body));
    }

    private static HttpRequest request(String method, String path, String bearer, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private JsonNode awaitDelivery(JsonNode endpoint, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            JsonNode items = ApiClient.json(send("GET", "/api/webhooks/" + endpoint.path("id").asText()
                    + "/deliveries", null)).path("items");
            if (items.size() > 0 && done.test(items.get(0))) {
                return items.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("delivery did not get there: " + items);
            }
            ApiClient.sleep(200);
        }
    }

    private JsonNode awaitEndpoint(String id, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            JsonNode endpoint = ApiClient.json(send("GET", "/api/webhooks/" + id, null));
            if (done.test(endpoint) || Instant.now().isAfter(deadline)) {
                return endpoint;
            }
            ApiClient.sleep(200);
        }
    }

    private static List<WebhookReceiver.Received> await(WebhookReceiver receiver,
                                                        Predicate<List<WebhookReceiver.Received>> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!done.test(receiver.received())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the receiver did not get what was expected: " + receiver.received());
            }
            ApiClient.sleep(100);
        }
        return receiver.received();
    }

    private static long distinctIds(List<WebhookReceiver.Received> received) {
        return received.stream().map(WebhookReceiver.Received::webhookId).distinct().count();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(9, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
