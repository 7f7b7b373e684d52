package com.contoso.media.uploads;

import com.contoso.media.blobs.MediaStore;
import com.contoso.media.jobs.BatchRun;
import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.logging.LogContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Uploads still {@code AwaitingUpload} after their SAS expired (plus a grace period for a PUT that started
 * just in time) become {@code Expired}, and whatever was written under their path is deleted. Each change is
 * conditional on the record still being stale, so two runs at once, or a run racing a late intake, do no harm.
 */
public final class ExpireAbandonedUploads {

    private final UploadRepository uploads;
    private final UploadScans scans;
    private final MediaStore store;
    private final UploadPolicy policy;
    private final JobSettings settings;
    private final Clock clock;

    public ExpireAbandonedUploads(UploadRepository uploads, UploadScans scans, MediaStore store, UploadPolicy policy,
                                  JobSettings settings, Clock clock) {
        this.uploads = uploads;
        this.scans = scans;
        this.store = store;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    public JobSummary run() {
        Instant cutoff = clock.instant().minus(policy.uploadUrlTtl()).minus(settings.uploadExpiryGrace());
        List<Upload> stale = scans.findStale(UploadStatus.AwaitingUpload, cutoff, settings.batchSize());
        return BatchRun.over("ExpireAbandonedUploads", stale, settings.batchSize(), candidate -> expire(candidate, cutoff));
    }

    private boolean expire(Upload candidate, Instant cutoff) {
        try (LogContext ignored = LogContext.of(candidate.tenantId(), candidate.id(), candidate.correlationId())) {
            boolean changed = uploads.transition(candidate.tenantId(), candidate.id(),
                    current -> current.status() == UploadStatus.AwaitingUpload && current.updatedAt().isBefore(cutoff),
                    current -> current.expire(clock.instant())).isPresent();
            if (changed) {
                policy.layout().deleteUpload(store, candidate.tenantId(), candidate.id());
            }
            return changed;
        }
    }
}
