package com.contoso.media.storagereport;

import com.contoso.media.events.EventBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code storage-report} subscription's consumer: the latest version of each upload wins. An event whose
 * sequence is at or below the upload's stored one changes nothing; a newer one moves the state to its facts and
 * adds, to the days it touches, the difference between the new facts' timeline and the stored one's, in one atomic
 * write. Because a newer version's facts contain the older ones', skipping late older events loses nothing, and
 * every delivery order converges to what in-order delivery gives ({@code StorageAggregatorPropertyTest}).
 *
 * <p>Cost: the common case (the upload's previous event was the last one applied) is one store call, a write
 * conditional on the stored version being the previous event's: its facts come with the event. This instance also
 * remembers the last version it saw of recent uploads. Versions only grow, so a remembered version at or above an
 * event's makes the event stale with no call at all (duplicates, and older events overtaken by newer ones), and a
 * remembered older version is where the write starts from. A write whose starting version is no longer stored
 * (another instance moved on) is refused; then the state is read and the difference written from it.
 */
public final class StorageAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(StorageAggregator.class);
    private static final int MAX_ATTEMPTS = 8;
    private static final int REMEMBERED_UPLOADS = 10_000;

    private final StorageReportStore store;
    private final EventBatch batch;
    /** The last version this instance read or wrote per upload, least recently used dropped first. */
    private final Map<String, UploadStorage> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, UploadStorage> eldest) {
                    return size() > REMEMBERED_UPLOADS;
                }
            });

    public StorageAggregator(StorageReportStore store, MessageSender deadLetters, String subscription,
                             Telemetry telemetry, Clock clock) {
        this.store = store;
        this.batch = new EventBatch(deadLetters, subscription, telemetry, clock);
    }

    public EventBatch.Counts fold(List<String> messageBodies) {
        return batch.process(messageBodies, this::apply);
    }

    private EventBatch.Effect apply(UploadEvent event) {
        if (!StorageFacts.carriedBy(event.data())) {
            // A version 1 event: it cannot say what the upload stored; reconciliation fills the gap.
            LOG.info("storage report skips version 1 event {} of upload {}", event.id(), event.uploadId());
            return EventBatch.Effect.SKIPPED;
        }
        StorageFacts facts = StorageFacts.of(event.data());
        UploadStorage next = new UploadStorage(event.tenantId(), event.uploadId(), event.sequence(), facts);
        String key = event.tenantId() + "/" + event.uploadId();
        UploadStorage remembered = recent.get(key);
        if (remembered != null && remembered.sequence() >= event.sequence()) {
            return EventBatch.Effect.DUPLICATE;
        }
        long fromSequence = remembered != null ? remembered.sequence() : event.sequence() - 1;
        StorageFacts from = remembered != null ? remembered.facts() : StorageFacts.priorOf(event.data());
        if (store.apply(new StorageTransition(fromSequence, next, event.time(), DayDelta.between(from, facts)))) {
            recent.put(key, next);
            return EventBatch.Effect.APPLIED;
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<UploadStorage> stored = store.find(event.tenantId(), event.uploadId());
            long storedSequence = stored.map(UploadStorage::sequence).orElse(0L);
            stored.ifPresent(state -> recent.put(key, state));
            if (storedSequence >= event.sequence()) {
                return EventBatch.Effect.DUPLICATE;
            }
            StorageFacts before = stored.map(UploadStorage::facts).orElse(StorageFacts.NONE);
            if (store.apply(new StorageTransition(storedSequence, next, event.time(), DayDelta.between(before, facts)))) {
                recent.put(key, next);
                return EventBatch.Effect.APPLIED;
            }
        }
        throw new IllegalStateException("Upload " + event.uploadId() + " of " + event.tenantId()
                + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }
}
