package com.contoso.media.contract;

import com.contoso.media.usagereport.CosmosReportStore;
import com.contoso.media.usagereport.ReportStore;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosReportStoreContractTest extends ReportStoreContract {

    private static CosmosReportStore store;

    @BeforeAll
    static void connect() {
        store = new CosmosReportStore(ContractCosmos.withContainer("reports").getContainer("reports"),
                Duration.ofDays(30));
    }

    @Override
    protected ReportStore store() {
        return store;
    }
}
