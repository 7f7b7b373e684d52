package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.AppSetting;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.json.Json;
import com.contoso.media.tracing.TraceContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private final WebhookHarness harness = new WebhookHarness();

    static UploadEvent event(String tenant, String upload, long sequence, EventType type, Instant at) {
        return new UploadEvent(UploadEvent.idOf(tenant, upload, sequence), type, tenant, upload, "corr", sequence, at,
                new UploadEventData("a.mp4", "video/mp4", 100, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private String accepted(String tenant) {
        return CloudEventCodec.encode(event(tenant, "u1", 2, EventType.UPLOAD_ACCEPTED, harness.clock.instant()));
    }

    @Test
    void signsEachAttemptTheStandardWebhooksWayWithTheCloudEventAsBody() {
        WebhookRegistry.WithSecret created = harness.registry.create("tenant-a", "https://hooks.example.com/a",
                List.of("media.upload.*"), "");

        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runDueAttempts();

        assertThat(harness.requests).hasSize(1);
        WebhookHarness.Request request = harness.requests.get(0);
        String id = request.headers().get("webhook-id");
        String timestamp = request.headers().get("webhook-timestamp");
        assertThat(id).isEqualTo(WebhookDelivery.idOf(UploadEvent.idOf("tenant-a", "u1", 2), created.endpoint().id()));
        assertThat(timestamp).isEqualTo(String.valueOf(harness.clock.instant().getEpochSecond()));
        assertThat(request.headers().get("webhook-signature"))
                .isEqualTo(WebhookSigner.sign(created.secret(), id, Long.parseLong(timestamp), request.body()));
        assertThat(CloudEventCodec.decode(request.body()).type()).isEqualTo(EventType.UPLOAD_ACCEPTED);
        assertThat(harness.store.findDelivery("tenant-a", id)).get().extracting(WebhookDelivery::status)
                .isEqualTo(WebhookDelivery.Status.Succeeded);
    }

    @Test
    void theRequestCarriesTheUploadsTraceOnlyWhenTheEventHasOne() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UploadEvent plain = event("tenant-a", "u1", 2, EventType.UPLOAD_ACCEPTED, harness.clock.instant());
        UploadEvent traced = new UploadEvent(UploadEvent.idOf("tenant-a", "u2", 2), EventType.UPLOAD_ACCEPTED,
                "tenant-a", "u2", "corr", 2, plain.time(), plain.data(), TraceContext.of(traceparent, ""));

        harness.dispatcher.dispatch(List.of(CloudEventCodec.encode(plain), CloudEventCodec.encode(traced)));
        harness.runDueAttempts();

        assertThat(harness.requests).hasSize(2);
        assertThat(harness.requests).filteredOn(r -> r.body().contains("\"u1\""))
                .allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("traceparent"));
        assertThat(harness.requests).filteredOn(r -> r.body().contains("\"u2\""))
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("traceparent", traceparent));
    }

    @Test
    void onlyMatchingEnabledEndpointsOfTheEventsTenantAreCalled() {
        harness.endpoint("tenant-a", "https://hooks.example.com/uploads", "media.upload.accepted");
        harness.endpoint("tenant-a", "https://hooks.example.com/transcodes", "media.transcode.*");
        harness.endpoint("tenant-b", "https://hooks.example.com/other-tenant", "*");

        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runDueAttempts();

        assertThat(harness.requests).extracting(r -> r.url().getPath()).containsExactly("/uploads");
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnTheFourthAttemptWithTheSameId() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        AtomicInteger calls = new AtomicInteger();
        harness.receiver = request -> calls.incrementAndGet() <= 3 ? 503 : 204;
        Instant start = harness.clock.instant();

        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runAllAttempts();

        assertThat(harness.requests).hasSize(4).extracting(r -> r.headers().get("webhook-id")).containsOnly(
                harness.requests.get(0).headers().get("webhook-id"));
        WebhookDelivery delivery = harness.store.findDelivery("tenant-a",
                harness.requests.get(0).headers().get("webhook-id")).orElseThrow();
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Succeeded);
        assertThat(delivery.attempts()).extracting(a -> a.statusCode().orElse(0)).containsExactly(503, 503, 503, 204);
        // Waited 5 s, 1 min and 5 min (each ±20 %) between the attempts, in scheduled messages.
        Duration waited = Duration.between(start, harness.clock.instant());
        assertThat(waited).isBetween(Duration.ofSeconds(Math.round(365 * 0.8)), Duration.ofSeconds(Math.round(365 * 1.2)));
        assertThat(harness.store.findEndpoint("tenant-a", delivery.endpointId())).get()
                .extracting(WebhookEndpoint::failingSince).isEqualTo(Optional.empty());
    }

    @Test
    void anUnexpectedFailureInAnAttemptIsAFailedAttemptRetriedOnScheduleNotAnEndlessLoop() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        AtomicInteger calls = new AtomicInteger();
        harness.receiver = request -> calls.incrementAndGet() <= 2 ? -1 : 204;

        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runAllAttempts();

        WebhookDelivery delivery = harness.store.findDelivery("tenant-a",
                harness.requests.get(0).headers().get("webhook-id")).orElseThrow();
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Succeeded);
        assertThat(delivery.attempts()).extracting(a -> a.error().orElse("ok"))
                .containsExactly("internal_error", "internal_error", "ok");
        assertThat(harness.deadLetters).isEmpty();
    }

    @Test
    void aDeadReceiverEndsFailedAndIsDisabledAndTheTenantsOtherEndpointsAreTold() {
        WebhookHarness quick = new WebhookHarness(Map.of(AppSetting.WEBHOOK_RETRY_SCHEDULE, "1s,1s,1s,1s",
                AppSetting.WEBHOOK_DISABLE_AFTER, "2s"));
        WebhookEndpoint dead = quick.endpoint("tenant-a", "https://hooks.example.com/dead", "media.upload.*");
        quick.endpoint("tenant-a", "https://hooks.example.com/ops", "webhook.endpoint.disabled");
        quick.receiver = request -> request.url().getPath().equals("/dead") ? 0 : 200;

        quick.dispatcher.dispatch(List.of(CloudEventCodec.encode(event("tenant-a", "u1", 2, EventType.UPLOAD_ACCEPTED,
                quick.clock.instant()))));
        quick.runAllAttempts();

        WebhookEndpoint after = quick.store.findEndpoint("tenant-a", dead.id()).orElseThrow();
        assertThat(after.enabled()).isFalse();
        assertThat(after.disabledReason()).get().asString().contains("failing since");
        WebhookDelivery delivery = quick.registry.deliveries("tenant-a", dead.id(), 10, Optional.empty()).items().get(0);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Failed);
        // Attempts 1 s apart (±20 %) until the endpoint had failed for 2 s: then it is disabled and retries stop.
        assertThat(delivery.attempts()).hasSizeBetween(3, 4).allSatisfy(a -> assertThat(a.error()).isPresent());
        assertThat(delivery.attempts()).extracting(a -> a.error().orElseThrow()).containsOnly("connection_refused");
        List<WebhookHarness.Request> told = quick.requests.stream()
                .filter(r -> r.url().getPath().equals("/ops")).toList();
        assertThat(told).hasSize(1);
        JsonNode notice = Json.read(told.get(0).body(), JsonNode.class);
        assertThat(notice.path("type").asText()).isEqualTo("webhook.endpoint.disabled");
        assertThat(notice.path("data").path("endpointId").asText()).isEqualTo(dead.id());
    }

    @Test
    void withNoRetriesLeftTheDeliveryFailsAndStaysVisible() {
        WebhookHarness once = new WebhookHarness(Map.of(AppSetting.WEBHOOK_RETRY_SCHEDULE, ""));
        WebhookEndpoint endpoint = once.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        once.receiver = request -> 500;

        once.dispatcher.dispatch(List.of(CloudEventCodec.encode(event("tenant-a", "u1", 2, EventType.UPLOAD_ACCEPTED,
                once.clock.instant()))));
        once.runAllAttempts();

        WebhookDelivery delivery = once.registry.deliveries("tenant-a", endpoint.id(), 10, Optional.empty()).items().get(0);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Failed);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        assertThat(once.store.findEndpoint("tenant-a", endpoint.id()).orElseThrow().failingSince()).isPresent();
    }

    @Test
    void anUploadsLaterEventWaitsUntilItsEarlierOneReachedTheEndpoint() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        AtomicInteger calls = new AtomicInteger();
        harness.receiver = request -> calls.incrementAndGet() <= 2 ? 503 : 200;
        String succeeded = CloudEventCodec.encode(event("tenant-a", "u1", 4, EventType.TRANSCODE_SUCCEEDED,
                harness.clock.instant()));

        harness.dispatcher.dispatch(List.of(accepted("tenant-a"), succeeded));
        harness.runAllAttempts();

        List<String> delivered = harness.requests.stream().filter(r -> r.headers().containsKey("webhook-id"))
                .map(r -> CloudEventCodec.decode(r.body()).type().value()).toList();
        assertThat(delivered).containsExactly("media.upload.accepted", "media.upload.accepted",
                "media.upload.accepted", "media.transcode.succeeded");
    }

    @Test
    void duplicateAttemptMessagesMakeOneAttempt() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        WebhookHarness.Scheduled first = harness.queue.get(0);

        harness.sender.attempt(first.message().body());
        harness.sender.attempt(first.message().body());
        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runAllAttempts();

        assertThat(harness.requests).hasSize(1);
    }

    @Test
    void aCopyOfAnAttemptThatWasRecordedButNotFollowedUpQueuesTheNextOneAgain() {
        harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        harness.receiver = request -> 500;
        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        WebhookHarness.Scheduled first = harness.queue.remove(0);
        harness.sender.attempt(first.message().body());
        // The process died after recording attempt 1 and before its retry message was sent.
        harness.queue.clear();

        harness.sender.attempt(first.message().body());

        assertThat(harness.queue).hasSize(1);
        assertThat(harness.queue.get(0).message().messageId()).endsWith("-2");
        assertThat(harness.requests).hasSize(1);
    }

    @Test
    void aDisabledOrDeletedEndpointEndsItsPendingDeliveriesWithoutCallingIt() {
        WebhookEndpoint endpoint = harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.registry.change("tenant-a", endpoint.id(), new WebhookRegistry.Changes(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(false)));

        harness.runAllAttempts();

        assertThat(harness.requests).isEmpty();
        WebhookDelivery delivery = harness.registry.deliveries("tenant-a", endpoint.id(), 10, Optional.empty())
                .items().get(0);
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Failed);
        assertThat(delivery.attempts().get(0).error()).contains("endpoint_disabled");
    }

    @Test
    void redeliveryMakesOneMoreAttemptWithTheSameId() {
        WebhookEndpoint endpoint = harness.endpoint("tenant-a", "https://hooks.example.com/a", "*");
        harness.dispatcher.dispatch(List.of(accepted("tenant-a")));
        harness.runAllAttempts();
        String id = harness.requests.get(0).headers().get("webhook-id");

        WebhookDelivery again = harness.registry.redeliver("tenant-a", endpoint.id(), id);
        harness.runAllAttempts();

        assertThat(again.status()).isEqualTo(WebhookDelivery.Status.Pending);
        assertThat(harness.requests).hasSize(2).extracting(r -> r.headers().get("webhook-id")).containsOnly(id);
        WebhookDelivery delivery = harness.store.findDelivery("tenant-a", id).orElseThrow();
        assertThat(delivery.status()).isEqualTo(WebhookDelivery.Status.Succeeded);
        assertThat(delivery.attempts()).extracting(WebhookDelivery.Attempt::manual).containsExactly(false, true);
    }

    @Test
    void aRotatedSecretKeepsSigningBesideTheNewOneForADay() {
        WebhookRegistry.WithSecret created = harness.registry.create("tenant-a", "https://hooks.example.com/a",
                List.of("*"), "");
        WebhookRegistry.WithSecret rotated = harness.registry.rotateSecret("tenant-a", created.endpoint().id());

        harness.registry.sendTest("tenant-a", created.endpoint().id());
        harness.runDueAttempts();
        harness.clock.advance(Duration.ofHours(24).plusSeconds(1));
        harness.registry.sendTest("tenant-a", created.endpoint().id());
        harness.runDueAttempts();

        WebhookHarness.Request during = harness.requests.get(0);
        WebhookHarness.Request after = harness.requests.get(1);
        assertThat(during.headers().get("webhook-signature").split(" ")).containsExactly(
                sign(rotated.secret(), during), sign(created.secret(), during));
        assertThat(after.headers().get("webhook-signature")).isEqualTo(sign(rotated.secret(), after));
        assertThat(Json.read(during.body(), JsonNode.class).path("type").asText()).isEqualTo("webhook.test");
    }

    private static String sign(String secret, WebhookHarness.Request request) {
        return WebhookSigner.sign(secret, request.headers().get("webhook-id"),
                Long.parseLong(request.headers().get("webhook-timestamp")), request.body());
    }
}
