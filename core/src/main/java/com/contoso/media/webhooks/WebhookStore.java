package com.contoso.media.webhooks;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: webhook endpoints and their delivery records, in the tenant's partition. Replacing is conditional on the
 * item's {@code etag} and throws {@link ConcurrentUpdateException} when it moved on (or the item is gone).
 */
public interface WebhookStore {

    /** Stores a new endpoint; returns it with its etag. */
    WebhookEndpoint createEndpoint(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> findEndpoint(String tenantId, String endpointId);

    /** The tenant's endpoints, oldest first (a tenant has a handful; the API caps how many). */
    List<WebhookEndpoint> endpoints(String tenantId);

    WebhookEndpoint replaceEndpoint(WebhookEndpoint endpoint);

    /** Deletes the endpoint; its delivery records stay until their time to live ends. */
    void deleteEndpoint(String tenantId, String endpointId);

    /** The tenant's claims on its endpoint limit, with the store's version of them; empty before the first. */
    Optional<OptimisticUpdate.Stored<EndpointRoster>> roster(String tenantId);

    /** Stores the roster if its stored version is still {@code ifMatch} (empty: none yet); false, writing nothing, if not. */
    boolean saveRoster(EndpointRoster roster, Optional<String> ifMatch);

    /** Stores a new delivery record; returns false, changing nothing, when one with its id exists. */
    boolean createDelivery(WebhookDelivery delivery);

    Optional<WebhookDelivery> findDelivery(String tenantId, String deliveryId);

    WebhookDelivery replaceDelivery(WebhookDelivery delivery);

    /**
     * Whether the endpoint has a pending delivery of an earlier event ({@code sequence} below the given one) of the
     * same upload: the sender holds a later event back until it is done.
     */
    boolean earlierPending(String tenantId, String endpointId, String uploadId, long sequence);

    /**
     * Across tenants: pending deliveries whose next attempt was due before {@code dueBefore}, longest overdue first
     * (their attempt message was lost, or parked as poison): what the watchdog queues again.
     */
    List<WebhookDelivery> overdue(Instant dueBefore, int limit);

    /** The endpoint's deliveries, newest first. */
    Page<WebhookDelivery> deliveries(String tenantId, String endpointId, int limit, Optional<String> continuationToken);
}
