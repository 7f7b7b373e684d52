package com.contoso.media.contract;

import com.contoso.media.webhooks.CosmosWebhookStore;
import com.contoso.media.webhooks.WebhookStore;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract against a real Cosmos DB account; set {@code CONTRACT_COSMOS_ENDPOINT} to run it. */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosWebhookStoreContractTest extends WebhookStoreContract {

    private static CosmosWebhookStore store;

    @BeforeAll
    static void connect() {
        store = new CosmosWebhookStore(ContractCosmos.withContainer("webhooks").getContainer("webhooks"),
                Duration.ofDays(30));
    }

    @Override
    protected WebhookStore store() {
        return store;
    }
}
