package com.contoso.media.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** What the single-document Cosmos DB stores share: a point read that answers "absent" for a 404, and lost races. */
public final class CosmosDocuments {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;

    private CosmosDocuments() {
    }

    public static Optional<JsonNode> find(CosmosContainer container, String id, String partitionKey) {
        try {
            return Optional.of(container.readItem(id, new PartitionKey(partitionKey),
                    JsonNode.class).getItem());
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The value under {@code field} of one document, with the document's {@code _etag}. */
    public static <T> Optional<OptimisticUpdate.Stored<T>> findValue(CosmosContainer container, String id,
                                                                    String partitionKey, String field, Class<T> type) {
        return find(container, id, partitionKey).map(document -> {
            try {
                return new OptimisticUpdate.Stored<>(Json.MAPPER.treeToValue(document.path(field), type),
                        document.path("_etag").asText());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Document " + id + " of " + partitionKey + " is unreadable", e);
            }
        });
    }

    /**
     * Creates the document (when {@code ifMatch} is empty) or replaces it if its {@code _etag} is still
     * {@code ifMatch}: the single-document stores' write. False when another writer got there first.
     */
    public static boolean writeIfMatch(CosmosContainer container, ObjectNode document, String partitionKey,
                                       Optional<String> ifMatch) {
        PartitionKey partition = new PartitionKey(partitionKey);
        try {
            if (ifMatch.isEmpty()) {
                container.createItem(document, partition, new CosmosItemRequestOptions());
            } else {
                container.replaceItem(document, document.get("id").asText(), partition,
                        new CosmosItemRequestOptions().setIfMatchETag(ifMatch.get()));
            }
            return true;
        } catch (CosmosException e) {
            return lostRace(e);
        }
    }

    /**
     * False for a conditional write that another writer beat (409: created first; 412: changed since it was read;
     * 404: removed meanwhile); any other failure is rethrown.
     */
    public static boolean lostRace(CosmosException e) {
        if (e.getStatusCode() == CONFLICT || e.getStatusCode() == PRECONDITION_FAILED || e.getStatusCode() == NOT_FOUND) {
            return false;
        }
        throw e;
    }
}
