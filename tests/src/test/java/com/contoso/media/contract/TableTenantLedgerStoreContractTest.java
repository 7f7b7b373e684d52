package com.contoso.media.contract;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.app.AzureClients;
import com.contoso.media.fairuse.TableTenantLedgerStore;
import com.contoso.media.fairuse.TenantLedgerStore;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts (one shared table). */
class TableTenantLedgerStoreContractTest extends TenantLedgerStoreContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableTenantLedgerStore store;

    TableTenantLedgerStoreContractTest() {
        AZURITE.createTableIfNotExists("ledgerscontract");
        store = new TableTenantLedgerStore(AZURITE.getTableClient("ledgerscontract"));
    }

    @Override
    protected TenantLedgerStore store() {
        return store;
    }
}
