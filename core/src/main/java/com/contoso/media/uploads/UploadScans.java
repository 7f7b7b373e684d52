package com.contoso.media.uploads;

import java.time.Instant;
import java.util.List;

/**
 * Port for the scheduled jobs' queries over upload records, across tenants: what is stale, and what changed. Kept
 * apart from {@link UploadRepository} so that nothing serving a tenant's request can reach other tenants' records.
 */
public interface UploadScans {

    /** Up to {@code limit} uploads in {@code status} whose record was last written before {@code writtenBefore}, oldest first. */
    List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit);

    /** Every tenant with an upload record written since {@code since}. */
    List<String> tenantsChangedSince(Instant since);

    /** The tenant's uploads whose record was written since {@code since}. */
    List<Upload> changedSince(String tenantId, Instant since);
}
