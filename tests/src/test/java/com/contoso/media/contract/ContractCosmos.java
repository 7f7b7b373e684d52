package com.contoso.media.contract;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/**
 * The Cosmos DB account the contract suites run against when {@code CONTRACT_COSMOS_ENDPOINT} is set, signed in
 * with the developer's Azure identity; one client for the whole run, containers as Bicep creates them.
 */
final class ContractCosmos {

    private static CosmosClient client;

    private ContractCosmos() {
    }

    static synchronized CosmosDatabase database() {
        if (client == null) {
            client = AzureClients.cosmos(Settings.fromEnvironment()
                    .with(AppSetting.COSMOS_ENDPOINT, System.getenv("CONTRACT_COSMOS_ENDPOINT")));
            Runtime.getRuntime().addShutdownHook(new Thread(client::close));
            client.createDatabaseIfNotExists("media-contract-tests");
        }
        return client.getDatabase("media-contract-tests");
    }

    /** Partitioned by tenant, with TTL on and no default (each idempotency record carries its own). */
    static CosmosDatabase withContainer(String name) {
        CosmosDatabase database = database();
        database.createContainerIfNotExists(new CosmosContainerProperties(name, "/tenantId")
                .setDefaultTimeToLiveInSeconds(-1));
        return database;
    }
}
