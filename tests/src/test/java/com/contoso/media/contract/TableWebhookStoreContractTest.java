package com.contoso.media.contract;

import com.contoso.media.app.AzureClients;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.webhooks.TableWebhookStore;
import com.contoso.media.webhooks.WebhookStore;
import java.util.UUID;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts; a fresh table per test. */
class TableWebhookStoreContractTest extends WebhookStoreContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableWebhookStore store;

    TableWebhookStoreContractTest() {
        String name = "webhooks" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AZURITE.createTableIfNotExists(name);
        store = new TableWebhookStore(AZURITE.getTableClient(name));
    }

    @Override
    protected WebhookStore store() {
        return store;
    }
}
