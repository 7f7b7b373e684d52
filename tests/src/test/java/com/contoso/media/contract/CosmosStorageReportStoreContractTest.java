package com.contoso.media.contract;

import com.contoso.media.storagereport.CosmosStorageReportStore;
import com.contoso.media.storagereport.StorageReportStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosStorageReportStoreContractTest extends StorageReportStoreContract {

    private static CosmosStorageReportStore store;

    @BeforeAll
    static void connect() {
        store = new CosmosStorageReportStore(ContractCosmos.withContainer("storage").getContainer("storage"));
    }

    @Override
    protected StorageReportStore store() {
        return store;
    }
}
