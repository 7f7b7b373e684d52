package com.contoso.media.usagereport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Port: per-tenant, per-day usage documents and the idempotency records that guard them, in the tenant's
 * partition.
 */
public interface ReportStore {

    /**
     * Adds the fold's delta to its day and records its event id, atomically; returns false, changing nothing,
     * when that event id was applied before. Safe to call concurrently for the same day.
     */
    boolean applyOnce(UsageFold fold);

    /** The days in {@code [from, to]} that have a document, in day order. */
    List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to);

    /** The time of the newest event folded into the tenant's reports (among those still remembered). */
    Optional<Instant> newestFolded(String tenantId);

    boolean wasApplied(String tenantId, String eventId);

    /** A scheduled job's saved position (for example the last tenant it reconciled). */
    Optional<String> checkpoint(String job);

    void saveCheckpoint(String job, String position);
}
