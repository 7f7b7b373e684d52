package com.contoso.media.contract;

import com.contoso.media.tenants.CosmosTenantRegistryStore;
import com.contoso.media.tenants.TenantRegistryStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosTenantRegistryStoreContractTest extends TenantRegistryStoreContract {

    private static CosmosTenantRegistryStore store;

    @BeforeAll
    static void connect() {
        store = new CosmosTenantRegistryStore(ContractCosmos.withContainer("tenants").getContainer("tenants"));
    }

    @Override
    protected TenantRegistryStore store() {
        return store;
    }
}
