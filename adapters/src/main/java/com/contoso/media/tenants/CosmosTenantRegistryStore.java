package com.contoso.media.tenants;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.consistency.OptimisticUpdate.Stored;
import com.contoso.media.cosmos.CosmosDocuments;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tenant registry in Cosmos DB (container {@code tenants}, partition key {@code /tenantId} like every container,
 * all entries in the one partition {@code registry}): a document per directory ({@code dir|<directoryId>}, the
 * tenant under {@code tenant}) and one per tenant id ({@code id|<tenantId>}, naming its directory). An insert creates
 * both in one transactional batch, so either key taken refuses both.
 */
public final class CosmosTenantRegistryStore implements TenantRegistryStore {

    private static final String PARTITION = "registry";
    private static final String DIRECTORY = "dir|";
    private static final String ID = "id|";

    private final CosmosContainer container;

    public CosmosTenantRegistryStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Optional<Stored<Tenant>> findByDirectory(String directoryId) {
        return CosmosDocuments.findValue(container, DIRECTORY + directoryId, PARTITION, "tenant", Tenant.class);
    }

    @Override
    public Optional<Stored<Tenant>> findById(String tenantId) {
        return CosmosDocuments.find(container, ID + tenantId, PARTITION)
                .flatMap(pointer -> findByDirectory(pointer.path("directoryId").asText()));
    }

    @Override
    public List<Tenant> list() {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE STARTSWITH(c.id, 'dir|')");
        return container.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(PARTITION)),
                        JsonNode.class).stream().map(CosmosTenantRegistryStore::tenant)
                .sorted(Comparator.comparing(Tenant::tenantId)).toList();
    }

    @Override
    public boolean insert(Tenant tenant) {
        ObjectNode pointer = entry(ID + tenant.tenantId());
        pointer.put("directoryId", tenant.directoryId());
        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(PARTITION));
        batch.createItemOperation(document(tenant));
        batch.createItemOperation(pointer);
        return container.executeCosmosBatch(batch).isSuccessStatusCode();
    }

    @Override
    public boolean replace(Tenant tenant, String etag) {
        return CosmosDocuments.writeIfMatch(container, document(tenant), PARTITION, Optional.of(etag));
    }

    private static ObjectNode document(Tenant tenant) {
        ObjectNode document = entry(DIRECTORY + tenant.directoryId());
        document.set("tenant", Json.MAPPER.valueToTree(tenant));
        return document;
    }

    private static ObjectNode entry(String id) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", id);
        document.put("tenantId", PARTITION);
        return document;
    }

    private static Tenant tenant(JsonNode document) {
        try {
            return Json.MAPPER.treeToValue(document.path("tenant"), Tenant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tenant registry entry is unreadable: " + document.path("id"), e);
        }
    }
}
