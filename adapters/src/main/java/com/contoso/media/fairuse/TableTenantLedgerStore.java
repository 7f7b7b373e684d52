package com.contoso.media.fairuse;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.contoso.media.json.Json;
import com.contoso.media.tables.TableRows;
import java.util.Optional;

/**
 * The tenants' ledgers in Table storage (Azurite locally), the same contract as the Cosmos DB store: one row per
 * tenant (partition = tenant, row key {@code ledger}) holding the ledger as JSON. A first write is an insert, which
 * fails if another writer inserted first; later writes replace the row only if its ETag is the one read.
 */
public final class TableTenantLedgerStore implements TenantLedgerStore {

    private static final String ROW = "ledger";

    private final TableClient table;

    public TableTenantLedgerStore(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<Versioned> find(String tenantId) {
        return TableRows.find(table, tenantId, ROW).map(row ->
                new Versioned(Json.read((String) row.getProperty("json"), TenantLedger.class), row.getETag()));
    }

    @Override
    public boolean save(TenantLedger ledger, Optional<String> ifMatch) {
        TableEntity row = new TableEntity(ledger.tenantId(), ROW).addProperty("json", Json.write(ledger));
        try {
            if (ifMatch.isEmpty()) {
                table.createEntity(row);
            } else {
                row.addProperty("odata.etag", ifMatch.get());
                table.updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            }
            return true;
        } catch (TableServiceException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            // 409: another first write won; 412: the row changed since it was read; 404: it was removed meanwhile.
            if (status == 409 || status == 412 || status == 404) {
                return false;
            }
            throw e;
        }
    }
}
