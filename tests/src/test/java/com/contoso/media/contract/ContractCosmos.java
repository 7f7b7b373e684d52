package com.contoso.media.contract;

import com.azure.cosmos.CosmosClient;
import com.azure.cosmos.CosmosClientBuilder;
import com.azure.cosmos.CosmosDatabase;
import com.azure.cosmos.models.CosmosContainerProperties;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/**
 * The Cosmos DB endpoint the contract suites run against when {@code CONTRACT_COSMOS_ENDPOINT} is set; one client
 * for the whole run, containers as Bicep creates them.
 * <ul>
 *   <li>A real account: signed in with the developer's Azure identity, as the Function App signs in.</li>
 *   <li>The local Cosmos-compatible server that {@code scripts/cosmos.sh} starts for CI
 *       ({@code CONTRACT_COSMOS_KEY} set): a key, gateway mode (it speaks HTTPS only), and its self-signed
 *       localhost certificate accepted the way the SDK accepts the Cosmos emulator's.</li>
 * </ul>
 */
final class ContractCosmos {

    private static CosmosClient client;

    private ContractCosmos() {
    }

    /** Whether the suites run on the local server, where tests of what it cannot do are skipped with the reason. */
    static boolean local() {
        String key = System.getenv("CONTRACT_COSMOS_KEY");
        return key != null && !key.isBlank();
    }

    static synchronized CosmosDatabase database() {
        if (client == null) {
            client = local() ? localClient() : AzureClients.cosmos(Settings.fromEnvironment()
                    .with(AppSetting.COSMOS_ENDPOINT, System.getenv("CONTRACT_COSMOS_ENDPOINT")));
            Runtime.getRuntime().addShutdownHook(new Thread(client::close));
            client.createDatabaseIfNotExists("media-contract-tests");
        }
        return client.getDatabase("media-contract-tests");
    }

    private static CosmosClient localClient() {
        System.setProperty("COSMOS.EMULATOR_SERVER_CERTIFICATE_VALIDATION_DISABLED", "true");
        return new CosmosClientBuilder()
                .endpoint(System.getenv("CONTRACT_COSMOS_ENDPOINT"))
                .key(System.getenv("CONTRACT_COSMOS_KEY"))
                .gatewayMode()
                .contentResponseOnWriteEnabled(false)
                .buildClient();
    }

    /** Partitioned by tenant, with TTL on and no default (each idempotency record carries its own). */
    static CosmosDatabase withContainer(String name) {
        CosmosDatabase database = database();
        database.createContainerIfNotExists(new CosmosContainerProperties(name, "/tenantId")
                .setDefaultTimeToLiveInSeconds(-1));
        return database;
    }
}
