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
        return TableRows.findJson(table, tenantId, ROW, TenantLedger.class)
                .map(stored -> new Versioned(stored.value(), stored.etag()));
    }

    @Override
    public boolean save(TenantLedger ledger, Optional<String> ifMatch) {
        return TableRows.writeJsonIfMatch(table, ledger.tenantId(), ROW, ledger, ifMatch);
    }
}
