package com.contoso.media.events;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox entries to the topic: publish first, then remove. In Azure a Cosmos DB change-feed trigger hands
 * it the new entries; the local runtime polls {@link Outbox#pending}. Either way it retries until the topic takes
 * the events, since nothing else would ever send them.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final EventPublisher publisher;

    public OutboxRelay(Outbox outbox, EventPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /** Publishes {@code events}, then removes them from the outbox; if publishing throws, nothing is removed. */
    public int relay(List<UploadEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        publisher.publish(events);
        events.forEach(outbox::remove);
        LOG.debug("relayed {} events", events.size());
        return events.size();
    }

    /** One polling round: relays up to {@code limit} pending events. */
    public int relayPending(int limit) {
        return relay(outbox.pending(limit));
    }
}
