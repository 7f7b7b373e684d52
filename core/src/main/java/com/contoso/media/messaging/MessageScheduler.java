package com.contoso.media.messaging;

import java.time.Instant;

/**
 * Port: sends a message that becomes visible to receivers at {@code visibleAt} (a Service Bus scheduled message,
 * a Storage queue message's initial invisibility). Retries wait in the queue this way, never in a sleeping thread.
 */
public interface MessageScheduler {

    void schedule(BusMessage message, Instant visibleAt);
}
