package com.contoso.media.contract;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.Settings;
import com.contoso.media.uploads.CosmosUploadRepository;
import com.contoso.media.uploads.UploadRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract against a real Cosmos DB account (or the emulator), signed in with the developer's
 * Azure identity. Set {@code CONTRACT_COSMOS_ENDPOINT} to run it; otherwise it is reported as skipped.
 */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosUploadRepositoryContractTest extends UploadRepositoryContract {

    private static CosmosClient client;
    private static CosmosUploadRepository repository;

    @BeforeAll
    static void connect() {
        Settings settings = Settings.fromEnvironment()
                .with("CosmosDb__accountEndpoint", System.getenv("CONTRACT_COSMOS_ENDPOINT"));
        client = AzureClients.cosmos(settings);
        client.createDatabaseIfNotExists("media-contract-tests");
        CosmosDatabase database = client.getDatabase("media-contract-tests");
        database.createContainerIfNotExists(new CosmosContainerProperties("uploads", "/tenantId"));
        repository = new CosmosUploadRepository(database.getContainer("uploads"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    protected UploadRepository repository() {
        return repository;
    }
}
