package com.contoso.media.webhooks;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.messaging.MessageScheduler;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhooks} subscription's consumer: fans each event out to the tenant's enabled endpoints whose
 * filters take it. Per endpoint it stores a delivery record (its id is the {@code webhook-id}) and queues the
 * first attempt; the HTTP calls happen in {@link WebhookSender}, one queue message each, so a slow endpoint never
 * holds up this consumer or another tenant's deliveries. Duplicated or reordered events are harmless: the record
 * exists already, and an attempt is queued again only if none was made yet.
 */
public final class WebhookDispatcher {

    private final WebhookStore store;
    private final MessageScheduler attempts;
    private final EventBatch batch;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookDispatcher(WebhookStore store, MessageScheduler attempts, MessageSender deadLetters,
                             WebhookSettings settings, Clock clock, Telemetry telemetry) {
        this.store = store;
        this.attempts = attempts;
        this.batch = new EventBatch(deadLetters, settings.subscription(), telemetry, clock);
        this.settings = settings;
        this.clock = clock;
    }

    public EventBatch.Counts dispatch(List<String> messageBodies) {
        return batch.process(messageBodies, this::dispatch);
    }

    private EventBatch.Effect dispatch(UploadEvent event) {
        List<WebhookEndpoint> targets = store.endpoints(event.tenantId()).stream()
                .filter(endpoint -> endpoint.enabled() && WebhookEventTypes.matches(endpoint.events(),
                        event.type().value()))
                .toList();
        if (targets.isEmpty()) {
            return EventBatch.Effect.SKIPPED;
        }
        String body = CloudEventCodec.encode(event);
        boolean queued = false;
        for (WebhookEndpoint endpoint : targets) {
            queued |= deliver(endpoint, event.id(), event.type().value(), Optional.of(event.uploadId()), event.sequence(),
                    body).isPresent();
        }
        return queued ? EventBatch.Effect.APPLIED : EventBatch.Effect.DUPLICATE;
    }

    /** Delivers one of the webhook service's own events, which belong to no upload. */
    public Optional<WebhookDelivery> deliver(WebhookEndpoint endpoint, WebhookCloudEvents.Event event) {
        return deliver(endpoint, event.id(), event.type(), Optional.empty(), 0, event.body());
    }

    /**
     * Records the delivery of one event to one endpoint and queues its first attempt; empty when an earlier
     * delivery of the same pair already made an attempt.
     */
    private Optional<WebhookDelivery> deliver(WebhookEndpoint endpoint, String eventId, String eventType,
                                              Optional<String> uploadId, long sequence, String body) {
        WebhookDelivery delivery = WebhookDelivery.pending(endpoint.tenantId(), endpoint.id(), eventId, eventType,
                uploadId, sequence, body, settings.retries().retries(), clock.instant());
        if (!store.createDelivery(delivery)) {
            // Created by an earlier copy of this event, which may have stopped before queuing the first attempt.
            Optional<WebhookDelivery> existing = store.findDelivery(endpoint.tenantId(), delivery.id());
            if (existing.isEmpty() || !existing.get().attempts().isEmpty()
                    || existing.get().status() != WebhookDelivery.Status.Pending) {
                return Optional.empty();
            }
            delivery = existing.get();
        }
        queueAttempt(delivery);
        return Optional.of(delivery);
    }

    /** Queues the delivery's next attempt, visible at the time it is due. */
    public void queueAttempt(WebhookDelivery delivery) {
        queueAttempt(delivery, delivery.nextAttemptAt().orElse(clock.instant()));
    }

    /** Queues the delivery's next attempt, visible at {@code at}. */
    public void queueAttempt(WebhookDelivery delivery, Instant at) {
        attempts.schedule(new AttemptMessage(delivery.tenantId(), delivery.endpointId(), delivery.id(),
                delivery.nextAttempt()).toMessage(), at);
    }
}
