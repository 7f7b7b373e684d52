package com.contoso.media.storagereport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Port: the storage report's per-upload state and per-day deltas, in the tenant's partition. One
 * {@link #apply} is one atomic write (a transactional batch in Cosmos DB, an entity-group transaction in Table
 * storage): the upload's state and the day documents move together or not at all.
 */
public interface StorageReportStore {

    Optional<UploadStorage> find(String tenantId, String uploadId);

    /**
     * Applies the transition if the upload's stored version is still {@code fromSequence}; returns false, changing
     * nothing, when it is not (another version was applied first). Safe to call concurrently.
     */
    boolean apply(StorageTransition transition);

    /** The tenant's day deltas up to and including {@code through}, in day order (days without changes absent). */
    List<DayDelta> daysThrough(String tenantId, LocalDate through);

    /** The time of the newest event applied for the tenant. */
    Optional<Instant> newestApplied(String tenantId);
}
