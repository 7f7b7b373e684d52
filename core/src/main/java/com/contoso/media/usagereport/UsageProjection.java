package com.contoso.media.usagereport;

import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * How events become usage: each folded event adds a fixed delta to the tenant's counters for the UTC day it
 * happened. An upload is counted once when it arrives (accepted or rejected, with its bytes); a transcode once
 * when it ends. Pure addition, so duplicates (filtered by event id) and order do not matter.
 */
public final class UsageProjection {

    /** The types the usage-report subscription receives (its Bicep SQL filter lists the same). */
    public static final Set<EventType> FOLDED = EnumSet.of(EventType.UPLOAD_ACCEPTED, EventType.UPLOAD_REJECTED,
            EventType.TRANSCODE_SUCCEEDED, EventType.TRANSCODE_FAILED);

    private UsageProjection() {
    }

    public static boolean folds(EventType type) {
        return FOLDED.contains(type);
    }

    public static UsageFold foldOf(UploadEvent event) {
        return new UsageFold(event.tenantId(), dayOf(event), event.id(), deltaOf(event), event.time());
    }

    public static LocalDate dayOf(UploadEvent event) {
        return LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
    }

    public static UsageCounters deltaOf(UploadEvent event) {
        long size = event.data().sizeBytes();
        return switch (event.type()) {
            case UPLOAD_ACCEPTED -> new UsageCounters(1, size, 0, 0, 0, 0, 0);
            case UPLOAD_REJECTED -> new UsageCounters(1, size, 0, 0, 0, 1, 0);
            case TRANSCODE_SUCCEEDED -> new UsageCounters(0, 0, 1, event.data().durationMillis().orElse(0L),
                    event.data().outputBytes().orElse(0L), 0, 0);
            case TRANSCODE_FAILED -> new UsageCounters(0, 0, 0, 0, 0, 0, 1);
            default -> UsageCounters.ZERO;
        };
    }
}
