package com.contoso.media.reports;

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

    /** Adds a correcting delta that no event accounts for (reconciliation); leaves {@code asOf} alone. */
    void correct(String tenantId, LocalDate day, UsageCounters delta);
}
