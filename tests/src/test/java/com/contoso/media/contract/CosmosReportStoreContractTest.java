package com.contoso.media.contract;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.Settings;
import com.contoso.media.reports.CosmosReportStore;
import com.contoso.media.reports.ReportStore;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosReportStoreContractTest extends ReportStoreContract {

    private static CosmosClient client;
    private static CosmosReportStore store;

    @BeforeAll
    static void connect() {
        Settings settings = Settings.fromEnvironment()
                .with("CosmosDb__accountEndpoint", System.getenv("CONTRACT_COSMOS_ENDPOINT"));
        client = AzureClients.cosmos(settings);
        client.createDatabaseIfNotExists("media-contract-tests");
        CosmosDatabase database = client.getDatabase("media-contract-tests");
        // TTL on without a default, as Bicep creates it: the idempotency records carry their own.
        database.createContainerIfNotExists(new CosmosContainerProperties("reports", "/tenantId")
                .setDefaultTimeToLiveInSeconds(-1));
        store = new CosmosReportStore(database.getContainer("reports"), Duration.ofDays(30));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected ReportStore store() {
        return store;
    }
}
