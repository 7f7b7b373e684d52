package com.contoso.media.fairuse;

import com.azure.cosmos.CosmosContainer;
import com.contoso.media.cosmos.CosmosDocuments;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The tenants' ledgers in Cosmos DB (container {@code ledgers}, partition key {@code /tenantId}): one document per
 * tenant, id = tenant id, the ledger under {@code ledger}. A first write is a create (409 when another writer created
 * it first); later writes replace it with {@code If-Match} on the {@code _etag} read (412 when it changed since).
 */
public final class CosmosTenantLedgerStore implements TenantLedgerStore {

    private final CosmosContainer container;

    public CosmosTenantLedgerStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Optional<Versioned> find(String tenantId) {
        return CosmosDocuments.findValue(container, tenantId, tenantId, "ledger", TenantLedger.class)
                .map(stored -> new Versioned(stored.value(), stored.etag()));
    }

    @Override
    public boolean save(TenantLedger ledger, Optional<String> ifMatch) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", ledger.tenantId());
        document.put("tenantId", ledger.tenantId());
        document.put("docType", "ledger");
        document.set("ledger", Json.MAPPER.valueToTree(ledger));
        return CosmosDocuments.writeIfMatch(container, document, ledger.tenantId(), ifMatch);
    }
}
