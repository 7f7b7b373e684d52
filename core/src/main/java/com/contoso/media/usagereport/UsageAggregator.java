package com.contoso.media.usagereport;

import com.contoso.media.events.EventBatch;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.util.List;

/**
 * Folds a batch of event messages into the usage reports, each exactly once: an event the report does not fold
 * is skipped, the rest are applied through {@link ReportStore#applyOnce}, and poison and transient failures are
 * handled as {@link EventBatch} says.
 */
public final class UsageAggregator {

    private final ReportStore store;
    private final EventBatch batch;

    public UsageAggregator(ReportStore store, MessageSender deadLetters, String subscription, Telemetry telemetry,
                           Clock clock) {
        this.store = store;
        this.batch = new EventBatch(deadLetters, subscription, telemetry, clock);
    }

    public EventBatch.Counts fold(List<String> messageBodies) {
        return batch.process(messageBodies, event -> !UsageProjection.folds(event.type()) ? EventBatch.Effect.SKIPPED
                : store.applyOnce(UsageProjection.foldOf(event)) ? EventBatch.Effect.APPLIED
                : EventBatch.Effect.DUPLICATE);
    }
}
