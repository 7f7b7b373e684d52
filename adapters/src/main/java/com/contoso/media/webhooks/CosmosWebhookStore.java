package com.contoso.media.webhooks;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.cosmos.CosmosDocuments;
import com.contoso.media.cosmos.CosmosPages;
import com.contoso.media.json.Json;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhook endpoints and deliveries in Cosmos DB, partition key {@code /tenantId}: every operation stays in the
 * tenant's partition. Documents carry {@code docType} ({@code endpoint}, {@code delivery}, or the one {@code roster}); deliveries carry a
 * {@code ttl}, so the container (default TTL on, no default expiry) forgets them after the configured days, and
 * {@code createdAtMillis}, which their listing orders by. Replacing is conditional on {@code _etag}.
 */
public final class CosmosWebhookStore implements WebhookStore {

    static final String ENDPOINT = "endpoint";
    static final String DELIVERY = "delivery";
    static final String ROSTER = "roster";
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;

    private final CosmosContainer container;
    private final Duration deliveryTtl;

    public CosmosWebhookStore(CosmosContainer container, Duration deliveryTtl) {
        this.container = container;
        this.deliveryTtl = deliveryTtl;
    }

    @Override
    public WebhookEndpoint createEndpoint(WebhookEndpoint endpoint) {
        try {
            CosmosItemResponse<JsonNode> created = container.createItem(document(endpoint),
                    new PartitionKey(endpoint.tenantId()), new CosmosItemRequestOptions());
            return endpoint.withEtag(created.getETag());
        } catch (CosmosException e) {
            if (e.getStatusCode() == CONFLICT) {
                throw new ConcurrentUpdateException("Webhook endpoint " + endpoint.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<OptimisticUpdate.Stored<EndpointRoster>> roster(String tenantId) {
        return CosmosDocuments.findValue(container, ROSTER, tenantId, ROSTER, EndpointRoster.class);
    }

    @Override
    public boolean saveRoster(EndpointRoster roster, Optional<String> ifMatch) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", ROSTER);
        document.put("tenantId", roster.tenantId());
        document.put("docType", ROSTER);
        document.set(ROSTER, Json.MAPPER.valueToTree(roster));
        return CosmosDocuments.writeIfMatch(container, document, roster.tenantId(), ifMatch);
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(String tenantId, String endpointId) {
        return read(tenantId, endpointId, ENDPOINT).map(node -> convert(node, WebhookEndpoint.class));
    }

    @Override
    public List<WebhookEndpoint> endpoints(String tenantId) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.docType = @type ORDER BY c.createdAtMillis",
                List.of(new SqlParameter("@type", ENDPOINT)));
        return container.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId)),
                JsonNode.class).stream().map(node -> convert(node, WebhookEndpoint.class)).toList();
    }

    @Override
    public WebhookEndpoint replaceEndpoint(WebhookEndpoint endpoint) {
        return endpoint.withEtag(replace(document(endpoint), endpoint.tenantId(), endpoint.id(), endpoint.etag()));
    }

    @Override
    public void deleteEndpoint(String tenantId, String endpointId) {
        try {
            container.deleteItem(endpointId, new PartitionKey(tenantId), new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            if (e.getStatusCode() != NOT_FOUND) {
                throw e;
            }
        }
    }

    @Override
    public boolean createDelivery(WebhookDelivery delivery) {
        try {
            container.createItem(document(delivery), new PartitionKey(delivery.tenantId()),
                    new CosmosItemRequestOptions());
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == CONFLICT) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String tenantId, String deliveryId) {
        return read(tenantId, deliveryId, DELIVERY).map(node -> convert(node, WebhookDelivery.class));
    }

    @Override
    public WebhookDelivery replaceDelivery(WebhookDelivery delivery) {
        return delivery.withEtag(replace(document(delivery), delivery.tenantId(), delivery.id(), delivery.etag()));
    }

    @Override
    public boolean earlierPending(String tenantId, String endpointId, String uploadId, long sequence) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT VALUE COUNT(1) FROM c WHERE c.docType = @type"
                + " AND c.endpointId = @endpoint AND c.uploadId = @upload AND c.status = 'Pending'"
                + " AND c.sequence < @sequence", List.of(new SqlParameter("@type", DELIVERY),
                new SqlParameter("@endpoint", endpointId), new SqlParameter("@upload", uploadId),
                new SqlParameter("@sequence", sequence)));
        return container.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId)),
                Long.class).stream().findFirst().orElse(0L) > 0;
    }

    /** Cross-partition, on {@code nextAttemptAtMillis} (set only while a delivery is pending, range-indexed). */
    @Override
    public List<WebhookDelivery> overdue(Instant dueBefore, int limit) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP @limit * FROM c WHERE c.docType = @type"
                + " AND c.status = 'Pending' AND c.nextAttemptAtMillis < @before ORDER BY c.nextAttemptAtMillis",
                List.of(new SqlParameter("@limit", limit), new SqlParameter("@type", DELIVERY),
                        new SqlParameter("@before", dueBefore.toEpochMilli())));
        return container.queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(node -> convert(node, WebhookDelivery.class)).toList();
    }

    @Override
    public Page<WebhookDelivery> deliveries(String tenantId, String endpointId, int limit,
                                            Optional<String> continuationToken) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.docType = @type AND c.endpointId = @endpoint"
                + " ORDER BY c.createdAtMillis DESC", List.of(new SqlParameter("@type", DELIVERY),
                new SqlParameter("@endpoint", endpointId)));
        return CosmosPages.page(container, query, tenantId, limit, continuationToken,
                node -> convert(node, WebhookDelivery.class));
    }

    private Optional<JsonNode> read(String tenantId, String id, String docType) {
        try {
            JsonNode node = container.readItem(id, new PartitionKey(tenantId), JsonNode.class).getItem();
            return docType.equals(node.path("docType").asText()) ? Optional.of(node) : Optional.empty();
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private String replace(ObjectNode document, String tenantId, String id, Optional<String> etag) {
        CosmosItemRequestOptions ifUnchanged = new CosmosItemRequestOptions();
        etag.ifPresent(ifUnchanged::setIfMatchETag);
        try {
            return container.replaceItem(document, id, new PartitionKey(tenantId), ifUnchanged).getETag();
        } catch (CosmosException e) {
            if (e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == NOT_FOUND) {
                throw new ConcurrentUpdateException(id + " changed since it was read (" + e.getStatusCode() + ")");
            }
            throw e;
        }
    }

    private static ObjectNode document(WebhookEndpoint endpoint) {
        ObjectNode node = Json.MAPPER.valueToTree(endpoint);
        node.remove("_etag");
        node.put("docType", ENDPOINT);
        node.put("createdAtMillis", endpoint.createdAt().toEpochMilli());
        return node;
    }

    private ObjectNode document(WebhookDelivery delivery) {
        ObjectNode node = Json.MAPPER.valueToTree(delivery);
        node.remove("_etag");
        node.put("docType", DELIVERY);
        node.put("createdAtMillis", delivery.createdAt().toEpochMilli());
        node.put("ttl", deliveryTtl.toSeconds());
        delivery.nextAttemptAt().filter(at -> delivery.status() == WebhookDelivery.Status.Pending)
                .ifPresent(at -> node.put("nextAttemptAtMillis", at.toEpochMilli()));
        return node;
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(type.getSimpleName() + " document " + node.path("id").asText()
                    + " is unreadable", e);
        }
    }
}
