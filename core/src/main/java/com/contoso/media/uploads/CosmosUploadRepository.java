package com.contoso.media.uploads;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Upload records in Cosmos DB, partition key {@code /tenantId}, so every operation is a single-partition one.
 * Documents go through the project's JSON mapper (the SDK's own mapper knows neither records' Optionals
 * nor java.time), and replaces are conditional on the ETag read.
 */
public final class CosmosUploadRepository implements UploadRepository {

    private final CosmosContainer container;

    public CosmosUploadRepository(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Upload create(Upload upload) {
        try {
            CosmosItemResponse<ObjectNode> response = container.createItem(document(upload),
                    new PartitionKey(upload.tenantId()), new CosmosItemRequestOptions());
            return upload.withEtag(response.getETag());
        } catch (CosmosException e) {
            throw translate(e, upload.id());
        }
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
    public Upload replace(Upload upload) {
        CosmosItemRequestOptions ifUnchanged = new CosmosItemRequestOptions();
        upload.etag().ifPresent(ifUnchanged::setIfMatchETag);
        try {
            CosmosItemResponse<ObjectNode> response = container.replaceItem(document(upload), upload.id(),
                    new PartitionKey(upload.tenantId()), ifUnchanged);
            return upload.withEtag(response.getETag());
        } catch (CosmosException e) {
            throw translate(e, upload.id());
        }
    }

    @Override
    public Page<Upload> list(String tenantId, Optional<UploadStatus> status, int limit,
                             Optional<String> continuationToken) {
        List<SqlParameter> parameters = new ArrayList<>(List.of(new SqlParameter("@tenantId", tenantId)));
        String filter = "";
        if (status.isPresent()) {
            filter = " AND c.status = @status";
            parameters.add(new SqlParameter("@status", status.get().name()));
        }
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT * FROM c WHERE c.tenantId = @tenantId" + filter + " ORDER BY c.createdAt DESC", parameters);
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId));
        Iterator<FeedResponse<JsonNode>> pages = container.queryItems(query, options, JsonNode.class)
                .iterableByPage(continuationToken.orElse(null), limit).iterator();
        if (!pages.hasNext()) {
            return new Page<>(List.of(), Optional.empty());
        }
        FeedResponse<JsonNode> page = pages.next();
        return new Page<>(page.getResults().stream().map(CosmosUploadRepository::toUpload).toList(),
                Optional.ofNullable(page.getContinuationToken()));
    }

    /** Cross-partition, on the system timestamp {@code _ts} (epoch seconds of the last write, range-indexed). */
    @Override
    public List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit) {
        SqlQuerySpec query = new SqlQuerySpec(
                "SELECT TOP @limit * FROM c WHERE c.status = @status AND c._ts < @before ORDER BY c._ts",
                List.of(new SqlParameter("@limit", limit), new SqlParameter("@status", status.name()),
                        new SqlParameter("@before", writtenBefore.getEpochSecond())));
        return container.queryItems(query, new CosmosQueryRequestOptions(), JsonNode.class).stream()
                .map(CosmosUploadRepository::toUpload).toList();
    }

    private static ObjectNode document(Upload upload) {
        ObjectNode node = Json.MAPPER.valueToTree(upload);
        node.remove("_etag");
        return node;
    }

    private static Upload toUpload(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, Upload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Upload document " + node.path("id").asText() + " is unreadable", e);
        }
    }

    private static RuntimeException translate(CosmosException e, String uploadId) {
        return switch (e.getStatusCode()) {
            case 409 -> new ConcurrentUpdateException("Upload " + uploadId + " already exists");
            case 412 -> new ConcurrentUpdateException("Upload " + uploadId + " changed since it was read");
            default -> e;
        };
    }
}
