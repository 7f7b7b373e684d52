package com.contoso.media.fairuse;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The tenants' ledgers in Cosmos DB (container {@code ledgers}, partition key {@code /tenantId}): one document per
 * tenant, id = tenant id, the ledger under {@code ledger}. A first write is a create (409 when another writer created
 * it first); later writes replace it with {@code If-Match} on the {@code _etag} read (412 when it changed since).
 */
public final class CosmosTenantLedgerStore implements TenantLedgerStore {

    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;

    private final CosmosContainer container;

    public CosmosTenantLedgerStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Optional<Versioned> find(String tenantId) {
        try {
            JsonNode document = container.readItem(tenantId, new PartitionKey(tenantId), JsonNode.class).getItem();
            return Optional.of(new Versioned(Json.MAPPER.treeToValue(document.path("ledger"), TenantLedger.class),
                    document.path("_etag").asText()));
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The ledger of tenant " + tenantId + " is unreadable", e);
        }
    }

    @Override
    public boolean save(TenantLedger ledger, Optional<String> ifMatch) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", ledger.tenantId());
        document.put("tenantId", ledger.tenantId());
        document.put("docType", "ledger");
        document.set("ledger", Json.MAPPER.valueToTree(ledger));
        PartitionKey partition = new PartitionKey(ledger.tenantId());
        try {
            if (ifMatch.isEmpty()) {
                container.createItem(document, partition, new CosmosItemRequestOptions());
            } else {
                container.replaceItem(document, ledger.tenantId(), partition,
                        new CosmosItemRequestOptions().setIfMatchETag(ifMatch.get()));
            }
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == CONFLICT || e.getStatusCode() == PRECONDITION_FAILED
                    || e.getStatusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
