package com.contoso.media.messaging;

/** A message handed to a receiver under a lock; {@code deliveryCount} counts this delivery (the first is 1). */
public record Delivery(BusMessage message, int deliveryCount, long lockToken) {
}
