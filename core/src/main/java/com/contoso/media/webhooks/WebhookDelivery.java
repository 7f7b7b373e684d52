package com.contoso.media.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One event on its way to one endpoint, and every attempt made. Its {@code id} is the {@code webhook-id}: derived
 * from the event and the endpoint, so the same pair always has the same id, on every retry and after any
 * duplicate bus delivery. {@code nextAttempt} is the only attempt number a sender may make next (older attempt
 * messages are stale duplicates); {@code retriesLeft} counts the scheduled retries still allowed, and
 * {@code redelivery} says the next attempt is a tenant's redelivery. {@code uploadId} and {@code sequence} place an
 * upload event among its upload's others, so one endpoint gets an upload's events in the order they happened.
 */
public record WebhookDelivery(String id, String tenantId, String endpointId, String eventId, String eventType,
                              Optional<String> uploadId, long sequence, Instant createdAt, Status status, List<Attempt> attempts, int nextAttempt,
                              Optional<Instant> nextAttemptAt, int retriesLeft, boolean redelivery, String payload,
                              @JsonProperty("_etag") Optional<String> etag) {

    public enum Status { Pending, Succeeded, Failed }

    /**
     * One HTTP attempt: the status code answered (none when no answer came), how long it took, the category of what
     * went wrong ({@link WebhookTransport.Failure}), and up to 256 bytes of a TLS receiver's answer.
     */
    public record Attempt(int number, Instant at, Optional<Integer> statusCode, long latencyMillis,
                          Optional<String> error, boolean manual, Optional<String> responseExcerpt) {

        public Attempt(int number, Instant at, Optional<Integer> statusCode, long latencyMillis, Optional<String> error,
                       boolean manual) {
            this(number, at, statusCode, latencyMillis, error, manual, Optional.empty());
        }
    }

    public WebhookDelivery {
        attempts = List.copyOf(attempts);
    }

    public static String idOf(String eventId, String endpointId) {
        return "msg_" + UUID.nameUUIDFromBytes((eventId + "/" + endpointId).getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    public static WebhookDelivery pending(String tenantId, String endpointId, String eventId, String eventType,
                                          Optional<String> uploadId, long sequence, String payload, int retries,
                                          Instant now) {
        return new WebhookDelivery(idOf(eventId, endpointId), tenantId, endpointId, eventId, eventType, uploadId,
                sequence, now, Status.Pending, List.of(), 1, Optional.of(now), retries, false, payload, Optional.empty());
    }

    /** Records attempt {@code nextAttempt}; {@code retryAt} is when to try again, absent when this is the end. */
    public WebhookDelivery attempted(Attempt attempt, boolean succeeded, Optional<Instant> retryAt) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        Status after = succeeded ? Status.Succeeded : retryAt.isPresent() ? Status.Pending : Status.Failed;
        return new WebhookDelivery(id, tenantId, endpointId, eventId, eventType, uploadId, sequence, createdAt, after,
                all, nextAttempt + 1, after == Status.Pending ? retryAt : Optional.empty(),
                after == Status.Pending ? retriesLeft - 1 : retriesLeft, false, payload, etag);
    }

    /** Ends a pending delivery without an attempt (its endpoint was disabled or deleted meanwhile). */
    public WebhookDelivery abandoned(Instant now, String reason) {
        return attempted(new Attempt(nextAttempt, now, Optional.empty(), 0, Optional.of(reason), redelivery), false,
                Optional.empty());
    }

    /** A tenant's redelivery of a finished delivery: one more attempt now, with the same id, and no retries. */
    public WebhookDelivery redelivered(Instant now) {
        return new WebhookDelivery(id, tenantId, endpointId, eventId, eventType, uploadId, sequence, createdAt,
                Status.Pending, attempts, nextAttempt, Optional.of(now), 0, true, payload, etag);
    }

    public WebhookDelivery withEtag(String newEtag) {
        return new WebhookDelivery(id, tenantId, endpointId, eventId, eventType, uploadId, sequence, createdAt, status,
                attempts, nextAttempt, nextAttemptAt, retriesLeft, redelivery, payload, Optional.ofNullable(newEtag));
    }
}
