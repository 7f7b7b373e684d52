package com.contoso.media.messaging;

import java.time.Instant;

/**
 * A message that was set aside, why ({@code reason}, a stable code), the details for a person, and when the
 * message was first enqueued (which decides whether the topic's duplicate detection would still drop a resend).
 */
public record DeadLetter(BusMessage message, String reason, String description, Instant enqueuedAt) {

    /** Application properties that carry the reason on messages in the project's own dead-letter queue. */
    public static final String REASON = "deadLetterReason";
    public static final String DESCRIPTION = "deadLetterDescription";
    /** The reason Service Bus (and the local bus) give a message delivered too often. */
    public static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
}
