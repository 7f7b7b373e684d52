package com.contoso.media.contract;

import com.contoso.media.app.AzureClients;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.storagereport.StorageReportStore;
import com.contoso.media.storagereport.TableStorageReportStore;
import java.util.UUID;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts; a fresh table per test. */
class TableStorageReportStoreContractTest extends StorageReportStoreContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableStorageReportStore store;

    TableStorageReportStoreContractTest() {
        String name = "storage" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AZURITE.createTableIfNotExists(name);
        store = new TableStorageReportStore(AZURITE.getTableClient(name));
    }

    @Override
    protected StorageReportStore store() {
        return store;
    }
}
