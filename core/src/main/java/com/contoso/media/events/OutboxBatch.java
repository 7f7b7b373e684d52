package com.contoso.media.events;

import java.util.List;

/**
 * What a change-feed batch of the outbox holds: the events to publish, and documents that cannot be read as events.
 * Those are parked (dead-lettered with the reason) instead of failing the batch: a change-feed trigger that throws
 * forever would hold back every later event of its lease range.
 */
public record OutboxBatch(List<UploadEvent> events, List<Unreadable> unreadable) {

    /** A document the adapter could not turn into an event, and why. */
    public record Unreadable(String document, String problem) {
    }

    public OutboxBatch {
        events = List.copyOf(events);
        unreadable = List.copyOf(unreadable);
    }
}
