package com.contoso.media.tenants;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.contoso.media.consistency.OptimisticUpdate.Stored;
import com.contoso.media.json.Json;
import com.contoso.media.tables.TableRows;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tenant registry in Table storage (Azurite locally), the same contract as the Cosmos DB store: one partition,
 * a row per directory ({@code dir|<directoryId>}, the tenant as JSON) and a row per tenant id ({@code id|<tenantId>},
 * naming its directory). An insert writes both in one entity-group transaction, so either key taken refuses both.
 */
public final class TableTenantRegistryStore implements TenantRegistryStore {

    private static final String PARTITION = "registry";
    private static final String DIRECTORY = "dir|";
    private static final String ID = "id|";

    private final TableClient table;

    public TableTenantRegistryStore(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<Stored<Tenant>> findByDirectory(String directoryId) {
        return TableRows.findJson(table, PARTITION, DIRECTORY + directoryId, Tenant.class);
    }

    @Override
    public Optional<Stored<Tenant>> findById(String tenantId) {
        return TableRows.find(table, PARTITION, ID + tenantId)
                .flatMap(pointer -> findByDirectory((String) pointer.getProperty("directoryId")));
    }

    @Override
    public List<Tenant> list() {
        return table.listEntities(new ListEntitiesOptions().setFilter(TableRows.inPartition(PARTITION) + " and "
                        + TableRows.ofKind(DIRECTORY)), null, null).stream()
                .map(row -> Json.read((String) row.getProperty("json"), Tenant.class))
                .sorted(Comparator.comparing(Tenant::tenantId)).toList();
    }

    @Override
    public boolean insert(Tenant tenant) {
        try {
            table.submitTransaction(List.of(
                    new TableTransactionAction(TableTransactionActionType.CREATE, new TableEntity(PARTITION,
                            DIRECTORY + tenant.directoryId()).addProperty("json", Json.write(tenant))),
                    new TableTransactionAction(TableTransactionActionType.CREATE, new TableEntity(PARTITION,
                            ID + tenant.tenantId()).addProperty("directoryId", tenant.directoryId()))));
            return true;
        } catch (TableTransactionFailedException taken) {
            return false;
        }
    }

    @Override
    public boolean replace(Tenant tenant, String etag) {
        return TableRows.writeJsonIfMatch(table, PARTITION, DIRECTORY + tenant.directoryId(), tenant, Optional.of(etag));
    }
}
