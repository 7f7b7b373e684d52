package com.contoso.media.webhooks;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.secrets.SecretSealer;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.uploads.ConcurrentUpdateException;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of one delivery (a message on the webhook-deliveries queue), the Standard Webhooks way:
 * {@code webhook-id} (the delivery's id, the same on every attempt), {@code webhook-timestamp} and
 * {@code webhook-signature}, with the CloudEvent as the body. Any 2xx is success. A failure is retried by
 * scheduling the next attempt's message at the next delay of the {@link RetrySchedule}; after the last one the
 * delivery is {@code Failed}. The endpoint's health follows each result, and an endpoint failing for longer than
 * the configured time is disabled, which is announced as a {@code webhook.endpoint.disabled} event to the tenant's
 * other endpoints that take it.
 *
 * <p>One endpoint receives an upload's events in the order they happened: an attempt whose upload has an earlier
 * event still pending for the same endpoint waits (its message comes back a second later, no attempt counted),
 * so a retried {@code accepted} is never overtaken by its {@code transcode.succeeded}.
 *
 * <p>Exactly-once effects under at-least-once messages: an attempt message runs only when its number is the
 * delivery's {@code nextAttempt} and the delivery is pending; recording the attempt is conditional on the record's
 * ETag, so of two copies racing, one records. A copy arriving after its attempt was recorded re-queues the next
 * attempt (the crash between recording and queuing it would otherwise stall the delivery).
 */
public final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    /** How long an event waits, each time, for its upload's earlier event to reach the same endpoint. */
    private static final Duration IN_ORDER_WAIT = Duration.ofSeconds(1);

    private final WebhookStore store;
    private final WebhookTransport transport;
    private final WebhookDispatcher dispatcher;
    private final WebhookSettings settings;
    private final SecretSealer sealer;
    private final Clock clock;
    private final Telemetry telemetry;
    private final Random jitter = new Random();

    public WebhookSender(WebhookStore store, WebhookTransport transport, WebhookDispatcher dispatcher,
                         WebhookSettings settings, SecretSealer sealer, Clock clock, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.sealer = sealer;
        this.store = store;
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    public void attempt(String messageBody) {
        AttemptMessage message = AttemptMessage.parse(messageBody);
        Optional<WebhookDelivery> found = store.findDelivery(message.tenantId(), message.deliveryId());
        if (found.isEmpty()) {
            LOG.info("webhook delivery {} no longer exists; attempt {} dropped", message.deliveryId(), message.attempt());
            return;
        }
        WebhookDelivery delivery = found.get();
        if (delivery.status() != WebhookDelivery.Status.Pending) {
            return;
        }
        if (message.attempt() != delivery.nextAttempt()) {
            if (message.attempt() == delivery.nextAttempt() - 1) {
                dispatcher.queueAttempt(delivery);
            }
            return;
        }
        Optional<WebhookEndpoint> endpoint = store.findEndpoint(message.tenantId(), message.endpointId());
        if (endpoint.isEmpty() || !endpoint.get().enabled()) {
            settle(delivery.abandoned(clock.instant(), endpoint.isEmpty() ? "endpoint_deleted" : "endpoint_disabled"));
            return;
        }
        if (delivery.uploadId().filter(upload -> store.earlierPending(delivery.tenantId(), delivery.endpointId(),
                upload, delivery.sequence())).isPresent()) {
            // The upload's earlier event has not reached this endpoint yet: this one waits its turn.
            dispatcher.queueAttempt(delivery, clock.instant().plus(IN_ORDER_WAIT));
            return;
        }
        // Under the state change that raised the event (its CloudEvent carries the trace), like any consumer.
        Attributes attributes = Attributes.of(Tracing.TENANT, delivery.tenantId(), Tracing.EVENT, delivery.eventId(),
                Tracing.EVENT_TYPE, delivery.eventType());
        try (Tracing.Scope span = telemetry.tracing().open("webhook send", SpanKind.CLIENT,
                CloudEventCodec.traceOf(delivery.payload()), attributes)) {
            delivery.uploadId().ifPresent(upload -> span.attribute(Tracing.UPLOAD, upload));
            send(delivery, endpoint.get(), span);
        }
    }

    private void send(WebhookDelivery delivery, WebhookEndpoint endpoint, Tracing.Scope span) {
        Instant now = clock.instant();
        WebhookTransport.Response response = post(delivery, endpoint, now);
        boolean succeeded = response.succeeded();
        if (!succeeded) {
            span.failed(response.error().orElse("http_" + response.statusCode().orElse(0)));
        }
        WebhookEndpoint health = succeeded ? endpoint.healthy(now) : endpoint.failed(now, settings.disableAfter());
        boolean disabledNow = endpoint.enabled() && !health.enabled();
        Optional<Instant> retryAt = succeeded || disabledNow || delivery.retriesLeft() == 0 ? Optional.empty()
                : Optional.of(now.plus(settings.retries().delayBefore(
                        settings.retries().retries() - delivery.retriesLeft() + 1, jitter)));
        WebhookDelivery.Attempt attempt = new WebhookDelivery.Attempt(delivery.nextAttempt(), now,
                response.statusCode(), response.latencyMillis(), response.error(), delivery.redelivery(),
                response.responseExcerpt());
        telemetry.metrics().webhookAttempt(succeeded ? "delivered" : retryAt.isPresent() ? "retrying" : "failed");
        Optional<WebhookDelivery> settled = settle(delivery.attempted(attempt, succeeded, retryAt));
        if (settled.isEmpty()) {
            return;
        }
        settled.filter(d -> d.status() == WebhookDelivery.Status.Pending).ifPresent(dispatcher::queueAttempt);
        updateHealth(endpoint, health, disabledNow);
    }

    /** The transport checks the URL against the SSRF guard again as it resolves it (rebinding). */
    private WebhookTransport.Response post(WebhookDelivery delivery, WebhookEndpoint endpoint, Instant now) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPE);
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        // The receiver can continue the upload's trace (W3C Trace Context over HTTP).
        TraceContext.current().ifPresent(trace -> headers.putAll(trace.asHeaders()));
        List<String> secrets = endpoint.signingSecrets(now).stream()
                .map(sealed -> sealer.open(WebhookEndpoint.owner(endpoint.tenantId(), endpoint.id()), sealed)).toList();
        headers.put("webhook-signature", WebhookSigner.header(secrets, delivery.id(), timestamp,
                delivery.payload()));
        try {
            return transport.post(URI.create(endpoint.url()), headers, delivery.payload());
        } catch (RuntimeException unexpected) {
            // A failed attempt like any other, retried on schedule: never a message that fails and comes back forever.
            LOG.warn("webhook attempt {} of delivery {} failed unexpectedly", delivery.nextAttempt(), delivery.id(),
                    unexpected);
            return WebhookTransport.Response.failed(WebhookTransport.Failure.INTERNAL_ERROR, 0);
        }
    }

    /** Stores the delivery's new state; empty when another copy of the same attempt message recorded first. */
    private Optional<WebhookDelivery> settle(WebhookDelivery changed) {
        try {
            return Optional.of(store.replaceDelivery(changed));
        } catch (ConcurrentUpdateException lostRace) {
            LOG.info("webhook delivery {} attempt recorded by another copy of its message", changed.id());
            return Optional.empty();
        }
    }

    /**
     * Saves a change in the endpoint's health (an unchanged one costs no write). A concurrent change by the tenant
     * wins; the next attempt's result is recorded on the fresh endpoint. A disable announces itself to the tenant's
     * other endpoints.
     */
    private void updateHealth(WebhookEndpoint before, WebhookEndpoint after, boolean disabledNow) {
        if (before.failingSince().equals(after.failingSince()) && !disabledNow) {
            return;
        }
        try {
            store.replaceEndpoint(after);
        } catch (ConcurrentUpdateException changed) {
            return;
        }
        if (disabledNow) {
            LOG.warn("webhook endpoint disabled: {\"tenantId\":\"{}\",\"endpointId\":\"{}\",\"reason\":\"{}\"}",
                    after.tenantId(), after.id(), after.disabledReason().orElse(""));
            WebhookCloudEvents.Event event = WebhookCloudEvents.endpointDisabled(after, clock.instant());
            store.endpoints(after.tenantId()).stream()
                    .filter(other -> other.enabled() && !other.id().equals(after.id())
                            && WebhookEventTypes.matches(other.events(), event.type()))
                    .forEach(other -> dispatcher.deliver(other, event));
        }
    }
}
