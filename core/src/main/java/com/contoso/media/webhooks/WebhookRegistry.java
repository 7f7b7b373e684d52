package com.contoso.media.webhooks;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.http.ProblemException;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.UrlRefusedException;
import com.contoso.media.secrets.SecretSealer;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.InvalidContinuationTokenException;
import com.contoso.media.uploads.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's webhook endpoints: create (the only answer, besides a rotation, that shows a secret; it is stored
 * sealed, see {@link SecretSealer}), change,
 * delete, rotate the secret, send a test event, list deliveries and redeliver one. Every operation is scoped to the
 * caller's tenant: another tenant's endpoint is simply not found.
 */
public final class WebhookRegistry {

    /** An endpoint and, right after it was created or rotated, its new secret. */
    public record WithSecret(WebhookEndpoint endpoint, String secret) {
    }

    /** The fields a tenant may change; absent ones stay as they are. */
    public record Changes(Optional<String> url, Optional<List<String>> events, Optional<String> description,
                          Optional<Boolean> enabled) {
    }

    /** A claim this old without its endpoint was left by a create that crashed between the two writes. */
    private static final Duration ABANDONED_CLAIM = Duration.ofMinutes(1);

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final OutboundUrlGuard guard;
    private final WebhookSettings settings;
    private final ManualSendLimiter manualSends;
    private final SecretSealer sealer;
    private final Clock clock;

    public WebhookRegistry(WebhookStore store, WebhookDispatcher dispatcher, OutboundUrlGuard guard,
                           WebhookSettings settings, ManualSendLimiter manualSends, SecretSealer sealer, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.guard = guard;
        this.settings = settings;
        this.manualSends = manualSends;
        this.sealer = sealer;
        this.clock = clock;
    }

    public WithSecret create(String tenantId, String url, List<String> events, String description) {
        String checkedUrl = checkUrl(url);
        List<String> filters = WebhookEventTypes.validate(events);
        String id = UUID.randomUUID().toString();
        claim(tenantId, id);
        String secret = WebhookSigner.newSecret();
        try {
            WebhookEndpoint created = store.createEndpoint(WebhookEndpoint.create(id, tenantId, checkedUrl, filters,
                    description, sealer.seal(WebhookEndpoint.owner(tenantId, id), secret), clock.instant()));
            return new WithSecret(created, secret);
        } catch (RuntimeException e) {
            release(tenantId, id);
            throw e;
        }
    }

    public List<WebhookEndpoint> list(String tenantId) {
        return store.endpoints(tenantId);
    }

    public WebhookEndpoint get(String tenantId, String endpointId) {
        return store.findEndpoint(tenantId, endpointId).orElseThrow(() -> ProblemException.notFound(
                "No webhook endpoint " + endpointId + "."));
    }

    public WebhookEndpoint change(String tenantId, String endpointId, Changes changes) {
        String url = changes.url().map(this::checkUrl).orElse(null);
        List<String> events = changes.events().map(WebhookEventTypes::validate).orElse(null);
        WebhookEndpoint current = get(tenantId, endpointId);
        return replace(current.withChanges(url == null ? current.url() : url,
                events == null ? current.events() : events, changes.description().orElse(current.description()),
                changes.enabled().orElse(current.enabled()), clock.instant()));
    }

    public void delete(String tenantId, String endpointId) {
        get(tenantId, endpointId);
        store.deleteEndpoint(tenantId, endpointId);
        release(tenantId, endpointId);
    }

    /**
     * Claims one of the tenant's endpoint places for {@code endpointId}, or refuses with 409. Read, decide, write
     * if unchanged: concurrent creates cannot pass the limit. The first roster is seeded from the endpoints that
     * exist; when it is full, claims older than {@link #ABANDONED_CLAIM} with no endpoint are dropped first.
     */
    private void claim(String tenantId, String endpointId) {
        Instant now = clock.instant();
        OptimisticUpdate.apply("The webhook endpoints of tenant " + tenantId, roster(tenantId),
                () -> seeded(tenantId), roster -> {
                    EndpointRoster current = roster.size() >= settings.maxEndpointsPerTenant()
                            ? pruned(roster, now) : roster;
                    if (current.size() >= settings.maxEndpointsPerTenant()) {
                        throw new ProblemException(409, "too_many_endpoints", "A tenant may have at most "
                                + settings.maxEndpointsPerTenant() + " webhook endpoints; delete one first.");
                    }
                    return new OptimisticUpdate.Decision<>(current.with(endpointId, now), null);
                });
    }

    private void release(String tenantId, String endpointId) {
        OptimisticUpdate.apply("The webhook endpoints of tenant " + tenantId, roster(tenantId),
                () -> seeded(tenantId), roster -> new OptimisticUpdate.Decision<>(roster.without(endpointId), null));
    }

    private EndpointRoster seeded(String tenantId) {
        EndpointRoster roster = new EndpointRoster(tenantId, Map.of());
        for (WebhookEndpoint endpoint : store.endpoints(tenantId)) {
            roster = roster.with(endpoint.id(), endpoint.createdAt());
        }
        return roster;
    }

    private EndpointRoster pruned(EndpointRoster roster, Instant now) {
        EndpointRoster kept = roster;
        for (Map.Entry<String, Instant> claim : roster.claims().entrySet()) {
            if (claim.getValue().plus(ABANDONED_CLAIM).isBefore(now)
                    && store.findEndpoint(roster.tenantId(), claim.getKey()).isEmpty()) {
                kept = kept.without(claim.getKey());
            }
        }
        return kept;
    }

    private OptimisticUpdate.Document<EndpointRoster> roster(String tenantId) {
        return OptimisticUpdate.Document.of(() -> store.roster(tenantId), store::saveRoster);
    }

    public WithSecret rotateSecret(String tenantId, String endpointId) {
        String secret = WebhookSigner.newSecret();
        Instant now = clock.instant();
        WebhookEndpoint rotated = replace(get(tenantId, endpointId).withRotatedSecret(
                sealer.seal(WebhookEndpoint.owner(tenantId, endpointId), secret), now,
                now.plus(WebhookSettings.ROTATION_OVERLAP)));
        return new WithSecret(rotated, secret);
    }

    /** Queues a {@code webhook.test} event to this endpoint alone, whatever its filters say. */
    public WebhookDelivery sendTest(String tenantId, String endpointId) {
        WebhookEndpoint endpoint = requireEnabled(get(tenantId, endpointId));
        manualSends.acquire(tenantId);
        WebhookCloudEvents.Event event = WebhookCloudEvents.test(endpoint, clock.instant());
        return dispatcher.deliver(endpoint, event).orElseThrow();
    }

    public Page<WebhookDelivery> deliveries(String tenantId, String endpointId, int limit, Optional<String> token) {
        get(tenantId, endpointId);
        try {
            return store.deliveries(tenantId, endpointId, limit, token);
        } catch (InvalidContinuationTokenException e) {
            throw ProblemException.badRequest("invalid_continuation_token", "continuationToken is not one this API"
                    + " issued for this listing.");
        }
    }

    /** One more attempt of a finished delivery, with the same {@code webhook-id}, now. */
    public WebhookDelivery redeliver(String tenantId, String endpointId, String deliveryId) {
        requireEnabled(get(tenantId, endpointId));
        WebhookDelivery delivery = store.findDelivery(tenantId, deliveryId)
                .filter(found -> found.endpointId().equals(endpointId))
                .orElseThrow(() -> ProblemException.notFound("No delivery " + deliveryId + " for this endpoint."));
        if (delivery.status() == WebhookDelivery.Status.Pending) {
            throw new ProblemException(409, "delivery_pending", "Delivery " + deliveryId
                    + " is still being attempted; its next attempt is at " + delivery.nextAttemptAt().orElse(null) + ".");
        }
        manualSends.acquire(tenantId);
        WebhookDelivery again;
        try {
            again = store.replaceDelivery(delivery.redelivered(clock.instant()));
        } catch (ConcurrentUpdateException e) {
            throw new ProblemException(409, "delivery_changed", "Delivery " + deliveryId
                    + " changed meanwhile; read it again.");
        }
        dispatcher.queueAttempt(again);
        return again;
    }

    private WebhookEndpoint requireEnabled(WebhookEndpoint endpoint) {
        if (!endpoint.enabled()) {
            throw new ProblemException(409, "endpoint_disabled", "Webhook endpoint " + endpoint.id()
                    + " is disabled; enable it with PATCH {\"enabled\": true} first.");
        }
        return endpoint;
    }

    private WebhookEndpoint replace(WebhookEndpoint changed) {
        try {
            return store.replaceEndpoint(changed);
        } catch (ConcurrentUpdateException e) {
            throw new ProblemException(409, "endpoint_changed", "Webhook endpoint " + changed.id()
                    + " changed meanwhile; read it again.");
        }
    }

    private String checkUrl(String url) {
        try {
            return guard.check(url).toString();
        } catch (UrlRefusedException refused) {
            throw ProblemException.badRequest(refused.code(), refused.getMessage());
        }
    }
}
