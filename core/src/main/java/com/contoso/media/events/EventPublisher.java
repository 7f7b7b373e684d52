package com.contoso.media.events;

import java.util.List;

/**
 * Port: sends events to the topic. At least once: a call that throws may have sent some of them, and a retry
 * sends them again with the same message ids (the topic's duplicate detection and the consumers' idempotency
 * records absorb that).
 */
public interface EventPublisher {

    void publish(List<UploadEvent> events);
}
