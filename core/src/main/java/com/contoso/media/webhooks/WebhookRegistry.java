package com.contoso.media.webhooks;

import com.contoso.media.http.ProblemException;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.InvalidContinuationTokenException;
import com.contoso.media.uploads.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's webhook endpoints: create (the only answer, besides a rotation, that shows a secret), change,
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

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final WebhookUrlGuard guard;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookRegistry(WebhookStore store, WebhookDispatcher dispatcher, WebhookUrlGuard guard,
                           WebhookSettings settings, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
    }

    public WithSecret create(String tenantId, String url, List<String> events, String description) {
        String checkedUrl = checkUrl(url);
        List<String> filters = WebhookEventTypes.validate(events);
        if (store.endpoints(tenantId).size() >= settings.maxEndpointsPerTenant()) {
            throw new ProblemException(409, "too_many_endpoints", "A tenant may have at most "
                    + settings.maxEndpointsPerTenant() + " webhook endpoints; delete one first.");
        }
        String secret = WebhookSigner.newSecret();
        WebhookEndpoint created = store.createEndpoint(WebhookEndpoint.create(UUID.randomUUID().toString(), tenantId,
                checkedUrl, filters, description, secret, clock.instant()));
        return new WithSecret(created, secret);
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
    }

    public WithSecret rotateSecret(String tenantId, String endpointId) {
        String secret = WebhookSigner.newSecret();
        Instant now = clock.instant();
        WebhookEndpoint rotated = replace(get(tenantId, endpointId).withRotatedSecret(secret, now,
                now.plus(WebhookSettings.ROTATION_OVERLAP)));
        return new WithSecret(rotated, secret);
    }

    /** Queues a {@code webhook.test} event to this endpoint alone, whatever its filters say. */
    public WebhookDelivery sendTest(String tenantId, String endpointId) {
        WebhookEndpoint endpoint = requireEnabled(get(tenantId, endpointId));
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
        } catch (WebhookUrlRefusedException refused) {
            throw ProblemException.badRequest(refused.code(), refused.getMessage());
        }
    }
}
