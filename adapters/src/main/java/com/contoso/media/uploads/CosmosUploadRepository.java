package com.contoso.media.uploads;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchItemRequestOptions;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.cosmos.CosmosPages;
import com.contoso.media.events.Outbox;
import com.contoso.media.events.OutboxBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upload records in Cosmos DB, partition key {@code /tenantId}, so every operation is a single-partition one.
 * Each write is one transactional batch: the record (created, or replaced on the ETag read) and one outbox
 * document per event it raised, so a state change and its events are stored together or not at all. The
 * outbox documents reach Service Bus through the change feed ({@link #outboxEvents}) and are deleted once
 * published. Documents go through the project's JSON mapper (the SDK's own mapper knows neither records'
 * Optionals nor java.time).
 */
public final class CosmosUploadRepository implements UploadRepository, UploadScans, Outbox {

    static final String UPLOAD = "upload";
    static final String OUTBOX = "outbox";
    private static final String OUTBOX_PREFIX = "outbox-";

    private final CosmosContainer container;

    public CosmosUploadRepository(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Upload create(UploadEvents.Raised raised) {
        Upload upload = raised.upload();
        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(upload.tenantId()));
        batch.createItemOperation(document(raised.upload()));
        return written(batch, raised);
    }

    @Override
    public Upload replace(UploadEvents.Raised raised) {
        Upload upload = raised.upload();
        CosmosBatchItemRequestOptions ifUnchanged = new CosmosBatchItemRequestOptions();
        upload.etag().ifPresent(ifUnchanged::setIfMatchETag);
        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(upload.tenantId()));
        batch.replaceItemOperation(upload.id(), document(raised.upload()), ifUnchanged);
        return written(batch, raised);
    }

    @Override
    public List<UploadEvent> pending(int limit) {
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT TOP @limit * FROM c WHERE c.docType = @outbox ORDER BY c._ts",
                List.of(new SqlParameter("@limit", limit), new SqlParameter("@outbox", OUTBOX)));
        return container.queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(CosmosUploadRepository::toEvent).toList();
    }

    @Override
    public void remove(UploadEvent event) {
        try {
            container.deleteItem(OUTBOX_PREFIX + event.id(), new PartitionKey(event.tenantId()),
                    new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    /**
     * The outbox events among documents of this container, as the change-feed trigger delivers them; an outbox
     * document that cannot be read as an event is returned apart, to be parked rather than block the feed.
     */
    public static OutboxBatch outboxEvents(JsonNode documents) {
        List<UploadEvent> events = new ArrayList<>();
        List<OutboxBatch.Unreadable> unreadable = new ArrayList<>();
        documents.forEach(document -> {
            if (OUTBOX.equals(document.path("docType").asText())) {
                try {
                    events.add(toEvent(document));
                } catch (RuntimeException e) {
                    unreadable.add(new OutboxBatch.Unreadable(document.toString(), e.getClass().getSimpleName()
                            + ": " + e.getMessage()));
                }
            }
        });
        return new OutboxBatch(events, unreadable);
    }

    @Override
    public Optional<Upload> find(String tenantId, String uploadId) {
        try {
            return Optional.of(toUpload(container.readItem(uploadId, new PartitionKey(tenantId), JsonNode.class)
                    .getItem()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Page<Upload> list(String tenantId, UploadFilter filter, int limit, Optional<String> continuationToken) {
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenantId", tenantId)));
        StringBuilder where = new StringBuilder();
        filter.status().ifPresent(status -> {
            where.append(" AND c.status = @status");
            parameters.add(new SqlParameter("@status", status.name()));
        });
        filter.tag().ifPresent(tag -> {
            where.append(" AND ARRAY_CONTAINS(c.tenantMetadata.tags, @tag)");
            parameters.add(new SqlParameter("@tag", tag));
        });
        filter.externalId().ifPresent(externalId -> {
            where.append(" AND c.tenantMetadata.externalId = @externalId");
            parameters.add(new SqlParameter("@externalId", externalId));
        });
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT * FROM c WHERE c.tenantId = @tenantId AND c.docType = 'upload'" + where
                        + " ORDER BY c.createdAt DESC", parameters);
        return CosmosPages.page(container, query, tenantId, limit, continuationToken,
                CosmosUploadRepository::toUpload);
    }

    /** Cross-partition, on the system timestamp {@code _ts} (epoch seconds of the last write, range-indexed). */
    @Override
    public List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit) {
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT TOP @limit * FROM c WHERE c.docType = 'upload' AND c.status = @status AND c._ts < @before"
                        + " ORDER BY c._ts",
                List.of(new SqlParameter("@limit", limit), new SqlParameter("@status", status.name()),
                        new SqlParameter("@before", writtenBefore.getEpochSecond())));
        return container.queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(CosmosUploadRepository::toUpload).toList();
    }

    /** Cross-partition; {@code _ts} is the last write in epoch seconds, so one second early is the safe side. */
    @Override
    public List<String> tenantsChangedSince(Instant since) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT DISTINCT VALUE c.tenantId FROM c WHERE c.docType = 'upload'"
                + " AND c._ts >= @since", List.of(new SqlParameter("@since", since.getEpochSecond() - 1)));
        return container.queryItems(query, new CosmosQueryRequestOptions(), String.class).stream()
                .sorted().toList();
    }

    @Override
    public List<Upload> changedSince(String tenantId, Instant since) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.docType = 'upload' AND c._ts >= @since",
                List.of(new SqlParameter("@since", since.getEpochSecond() - 1)));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId));
        return container.queryItems(query, options, JsonNode.class).stream()
                .map(CosmosUploadRepository::toUpload).toList();
    }

    private Upload written(CosmosBatch batch, UploadEvents.Raised raised) {
        raised.events().forEach(event -> batch.createItemOperation(outboxDocument(event)));
        CosmosBatchResponse response = container.executeCosmosBatch(batch);
        if (!response.isSuccessStatusCode()) {
            throw translate(response, raised.upload().id());
        }
        return raised.upload().withEtag(response.getResults().get(0).getETag());
    }

    private static ObjectNode document(Upload upload) {
        ObjectNode node = Json.MAPPER.valueToTree(upload);
        node.remove("_etag");
        node.put("docType", UPLOAD);
        return node;
    }

    private static ObjectNode outboxDocument(UploadEvent event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", OUTBOX_PREFIX + event.id());
        node.put("tenantId", event.tenantId());
        node.put("docType", OUTBOX);
        node.set("event", Json.MAPPER.valueToTree(event));
        return node;
    }

    private static UploadEvent toEvent(JsonNode outboxDocument) {
        try {
            return Json.MAPPER.treeToValue(outboxDocument.path("event"), UploadEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Outbox document " + outboxDocument.path("id").asText()
                    + " is unreadable", e);
        }
    }

    private static Upload toUpload(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, Upload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Upload document " + node.path("id").asText() + " is unreadable", e);
        }
    }

    /** The record's operation is first in the batch; its status says why the batch failed. */
    private static RuntimeException translate(CosmosBatchResponse response, String uploadId) {
        int status = response.getResults().isEmpty() ? response.getStatusCode()
                : response.getResults().get(0).getStatusCode();
        return switch (status) {
            case 409 -> new ConcurrentUpdateException("Upload " + uploadId + " already exists");
            case 412, 404 -> new ConcurrentUpdateException("Upload " + uploadId + " changed since it was read");
            default -> new IllegalStateException("Writing upload " + uploadId + " failed with status "
                    + response.getStatusCode() + ": " + response.getErrorMessage());
        };
    }
}
