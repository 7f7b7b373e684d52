package com.contoso.media.messaging;

/** A message that was set aside, why ({@code reason}, a stable code), and the details for a person. */
public record DeadLetter(BusMessage message, String reason, String description) {

    /** Application properties that carry the reason on messages in the project's own dead-letter queue. */
    public static final String REASON = "deadLetterReason";
    public static final String DESCRIPTION = "deadLetterDescription";
}
