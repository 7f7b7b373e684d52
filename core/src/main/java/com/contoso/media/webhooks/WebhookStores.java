package com.contoso.media.webhooks;

import java.util.Comparator;

/** What the webhook store adapters share. */
public final class WebhookStores {

    /** The order of an endpoint's delivery listing: newest first, ties broken by id so pages are stable. */
    public static final Comparator<WebhookDelivery> NEWEST_FIRST = Comparator.comparing(WebhookDelivery::createdAt)
            .reversed().thenComparing(WebhookDelivery::id);

    private WebhookStores() {
    }
}
