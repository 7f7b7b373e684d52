package com.contoso.media.events;

import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.tracing.MediaMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves outbox entries to the topic: publish first, then remove. In Azure a Cosmos DB change-feed trigger hands
 * it the new entries; the local runtime polls {@link Outbox#pending}. Either way it retries until the topic takes
 * the events, since nothing else would ever send them.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** The reason parked outbox documents carry in the dead-letter queue. */
    public static final String UNREADABLE = "MalformedOutboxDocument";

    private final Outbox outbox;
    private final EventPublisher publisher;
    private final MessageSender deadLetters;
    private final MediaMetrics metrics;
    private final Clock clock;

    public OutboxRelay(Outbox outbox, EventPublisher publisher, MessageSender deadLetters, MediaMetrics metrics,
                       Clock clock) {
        this.outbox = outbox;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * A change-feed batch: unreadable documents are parked in the dead-letter queue with their reason first (each
     * under a stable id, so a redelivered batch parks it once), then the events are relayed.
     */
    public int relay(OutboxBatch batch) {
        for (OutboxBatch.Unreadable document : batch.unreadable()) {
            LOG.error("parking an unreadable outbox document: {}", document.problem());
            String messageId = UUID.nameUUIDFromBytes(document.document().getBytes(StandardCharsets.UTF_8)).toString();
            deadLetters.send(List.of(new BusMessage(messageId, "outbox", Map.of(DeadLetter.REASON, UNREADABLE,
                    DeadLetter.DESCRIPTION, document.problem()), document.document())));
        }
        return relay(batch.events());
    }

    /** Publishes {@code events}, then removes them from the outbox; if publishing throws, nothing is removed. */
    public int relay(List<UploadEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        publisher.publish(events);
        Instant published = clock.instant();
        events.forEach(event -> metrics.eventLag("outbox", Duration.between(event.time(), published)));
        events.forEach(outbox::remove);
        LOG.debug("relayed {} events", events.size());
        return events.size();
    }

    /** One polling round: relays up to {@code limit} pending events. */
    public int relayPending(int limit) {
        return relay(outbox.pending(limit));
    }

    /** Relays batches of {@code batch} until the outbox holds fewer; returns how many went. */
    public int relayAllPending(int batch) {
        int relayed = 0;
        int last;
        do {
            last = relayPending(batch);
            relayed += last;
        } while (last == batch);
        return relayed;
    }
}
