package com.contoso.media.contract;

import com.contoso.media.fairuse.CosmosTenantLedgerStore;
import com.contoso.media.fairuse.TenantLedgerStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosTenantLedgerStoreContractTest extends TenantLedgerStoreContract {

    private static CosmosTenantLedgerStore store;

    @BeforeAll
    static void connect() {
        store = new CosmosTenantLedgerStore(ContractCosmos.withContainer("ledgers").getContainer("ledgers"));
    }

    @Override
    protected TenantLedgerStore store() {
        return store;
    }
}
