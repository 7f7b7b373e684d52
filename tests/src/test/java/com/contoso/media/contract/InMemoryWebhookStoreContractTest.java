package com.contoso.media.contract;

import com.contoso.media.webhooks.InMemoryWebhookStore;
import com.contoso.media.webhooks.WebhookStore;

class InMemoryWebhookStoreContractTest extends WebhookStoreContract {

    private final InMemoryWebhookStore store = new InMemoryWebhookStore();

    @Override
    protected WebhookStore store() {
        return store;
    }
}
