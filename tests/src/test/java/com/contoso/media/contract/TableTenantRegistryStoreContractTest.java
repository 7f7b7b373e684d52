package com.contoso.media.contract;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.app.AzureClients;
import com.contoso.media.tenants.TableTenantRegistryStore;
import com.contoso.media.tenants.TenantRegistryStore;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts (one shared table). */
class TableTenantRegistryStoreContractTest extends TenantRegistryStoreContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableTenantRegistryStore store;

    TableTenantRegistryStoreContractTest() {
        AZURITE.createTableIfNotExists("tenantscontract");
        store = new TableTenantRegistryStore(AZURITE.getTableClient("tenantscontract"));
    }

    @Override
    protected TenantRegistryStore store() {
        return store;
    }
}
