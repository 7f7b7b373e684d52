package com.contoso.media.messaging;

import java.time.Instant;

/**
 * A message handed to a receiver under a lock; {@code deliveryCount} counts this delivery (the first is 1),
 * {@code enqueuedAt} is when the message was first sent.
 */
public record Delivery(BusMessage message, int deliveryCount, long lockToken, Instant enqueuedAt) {
}
