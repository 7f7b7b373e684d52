package com.contoso.media.webhooks;

import com.contoso.media.outbound.OutboundUrlGuard;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Port: one HTTP POST to a tenant's endpoint. The adapter connects only to addresses {@link OutboundUrlGuard}
 * allows, follows no redirect, gives up after the timeout, and reads at most a few kilobytes of the answer.
 */
public interface WebhookTransport {

    /** At most this much of an answer's body is kept, and only from a receiver that answered over TLS. */
    int MAX_EXCERPT_BYTES = 256;

    /**
     * Why an attempt failed, as the delivery log records it: a category, never the receiver's or the network
     * stack's own words, so that the log tells a tenant nothing about hosts it could not otherwise see.
     */
    enum Failure {
        TIMEOUT, CONNECTION_REFUSED, TLS, DNS, URL_REFUSED, HTTP_STATUS, CONNECTION_FAILED, INTERNAL_ERROR;

        public String category() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What came back: the status code (absent when nothing did), how long it took, the failure's category, and
     * the start of a TLS receiver's answer.
     */
    record Response(Optional<Integer> statusCode, long latencyMillis, Optional<String> error,
                    Optional<String> responseExcerpt) {

        public static Response failed(Failure failure, long latencyMillis) {
            return new Response(Optional.empty(), latencyMillis, Optional.of(failure.category()), Optional.empty());
        }

        public static Response answered(int statusCode, long latencyMillis, Optional<String> excerpt) {
            boolean ok = statusCode >= 200 && statusCode < 300;
            return new Response(Optional.of(statusCode), latencyMillis,
                    ok ? Optional.empty() : Optional.of(Failure.HTTP_STATUS.category()), excerpt);
        }

        public boolean succeeded() {
            return statusCode.filter(code -> code >= 200 && code < 300).isPresent();
        }
    }

    /** Never throws for what the endpoint did (refused, timed out, answered 500): that is a {@link Response}. */
    Response post(URI url, Map<String, String> headers, String body);
}
