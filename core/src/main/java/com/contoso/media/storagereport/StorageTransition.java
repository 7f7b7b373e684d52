package com.contoso.media.storagereport;

import java.time.Instant;
import java.util.List;

/**
 * Moves one upload's state from version {@code fromSequence} (0: no state yet) to {@code to}, and adds
 * {@code days} to the tenant's day documents. A store applies it all or nothing, and only while the upload's
 * stored version is still {@code fromSequence}.
 */
public record StorageTransition(long fromSequence, UploadStorage to, Instant eventTime, List<DayDelta> days) {

    public StorageTransition {
        days = List.copyOf(days);
    }

    public String tenantId() {
        return to.tenantId();
    }
}
