package com.contoso.media.webhooks;

import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.OffsetToken;
import com.contoso.media.uploads.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Webhook endpoints and deliveries in memory, for unit tests: the same contract as the Table and Cosmos ones. */
public final class InMemoryWebhookStore implements WebhookStore {

    private record Key(String tenantId, String id) {
    }

    private final ConcurrentMap<Key, WebhookEndpoint> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, WebhookDelivery> deliveries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, OptimisticUpdate.Stored<EndpointRoster>> rosters = new ConcurrentHashMap<>();

    @Override
    public Optional<OptimisticUpdate.Stored<EndpointRoster>> roster(String tenantId) {
        return Optional.ofNullable(rosters.get(tenantId));
    }

    @Override
    public synchronized boolean saveRoster(EndpointRoster roster, Optional<String> ifMatch) {
        Optional<String> stored = roster(roster.tenantId()).map(OptimisticUpdate.Stored::etag);
        if (!stored.equals(ifMatch)) {
            return false;
        }
        rosters.put(roster.tenantId(), new OptimisticUpdate.Stored<>(roster, newEtag()));
        return true;
    }

    @Override
    public WebhookEndpoint createEndpoint(WebhookEndpoint endpoint) {
        WebhookEndpoint written = endpoint.withEtag(newEtag());
        if (endpoints.putIfAbsent(new Key(endpoint.tenantId(), endpoint.id()), written) != null) {
            throw new ConcurrentUpdateException("Webhook endpoint " + endpoint.id() + " already exists");
        }
        return written;
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(String tenantId, String endpointId) {
        return Optional.ofNullable(endpoints.get(new Key(tenantId, endpointId)));
    }

    @Override
    public List<WebhookEndpoint> endpoints(String tenantId) {
        return endpoints.values().stream().filter(e -> e.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id)).toList();
    }

    @Override
    public WebhookEndpoint replaceEndpoint(WebhookEndpoint endpoint) {
        WebhookEndpoint written = endpoint.withEtag(newEtag());
        endpoints.compute(new Key(endpoint.tenantId(), endpoint.id()), (key, current) -> {
            if (current == null || !current.etag().equals(endpoint.etag())) {
                throw new ConcurrentUpdateException("Webhook endpoint " + endpoint.id() + " changed since it was read");
            }
            return written;
        });
        return written;
    }

    @Override
    public void deleteEndpoint(String tenantId, String endpointId) {
        endpoints.remove(new Key(tenantId, endpointId));
    }

    @Override
    public boolean createDelivery(WebhookDelivery delivery) {
        return deliveries.putIfAbsent(new Key(delivery.tenantId(), delivery.id()), delivery.withEtag(newEtag())) == null;
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String tenantId, String deliveryId) {
        return Optional.ofNullable(deliveries.get(new Key(tenantId, deliveryId)));
    }

    @Override
    public WebhookDelivery replaceDelivery(WebhookDelivery delivery) {
        WebhookDelivery written = delivery.withEtag(newEtag());
        deliveries.compute(new Key(delivery.tenantId(), delivery.id()), (key, current) -> {
            if (current == null || !current.etag().equals(delivery.etag())) {
                throw new ConcurrentUpdateException("Webhook delivery " + delivery.id() + " changed since it was read");
            }
            return written;
        });
        return written;
    }

    @Override
    public boolean earlierPending(String tenantId, String endpointId, String uploadId, long sequence) {
        return deliveries.values().stream().anyMatch(d -> d.tenantId().equals(tenantId)
                && d.endpointId().equals(endpointId) && d.uploadId().filter(uploadId::equals).isPresent()
                && d.sequence() < sequence && d.status() == WebhookDelivery.Status.Pending);
    }

    @Override
    public List<WebhookDelivery> overdue(Instant dueBefore, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.status() == WebhookDelivery.Status.Pending
                        && d.nextAttemptAt().filter(at -> at.isBefore(dueBefore)).isPresent())
                .sorted(Comparator.comparing(d -> d.nextAttemptAt().orElseThrow())).limit(limit).toList();
    }

    @Override
    public Page<WebhookDelivery> deliveries(String tenantId, String endpointId, int limit,
                                            Optional<String> continuationToken) {
        List<WebhookDelivery> sorted = deliveries.values().stream()
                .filter(d -> d.tenantId().equals(tenantId) && d.endpointId().equals(endpointId))
                .sorted(WebhookStores.NEWEST_FIRST).toList();
        return OffsetToken.page(sorted, limit, continuationToken);
    }

    private static String newEtag() {
        return UUID.randomUUID().toString();
    }
}
