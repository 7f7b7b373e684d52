package com.contoso.media.webhooks;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Port: one HTTP POST to a tenant's endpoint. The adapter connects only to addresses {@link WebhookUrlGuard}
 * allows, follows no redirect, gives up after the timeout, and reads at most a few kilobytes of the answer.
 */
public interface WebhookTransport {

    /** What came back: the status code (absent when nothing did), how long it took, an error for a person. */
    record Response(Optional<Integer> statusCode, long latencyMillis, Optional<String> error) {

        public boolean succeeded() {
            return statusCode.filter(code -> code >= 200 && code < 300).isPresent();
        }
    }

    /** Never throws for what the endpoint did (refused, timed out, answered 500): that is a {@link Response}. */
    Response post(URI url, Map<String, String> headers, String body);
}
