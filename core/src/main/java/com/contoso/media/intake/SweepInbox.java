package com.contoso.media.intake;

import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.jobs.BatchRun;
import com.contoso.media.logging.LogContext;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.ListedBlob;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's safety net. Intake deletes every inbox blob it is told about, but a notification can be lost, or an
 * intake can die between promoting a file and deleting its inbox copy. Blobs older than the upload URL's lifetime
 * plus {@code INBOX_SWEEP_MARGIN_MINUTES} that no upload still waits for are deleted and logged as security events.
 * Deletes are idempotent and nothing else changes, so two runs at once do no harm.
 */
public final class SweepInbox {

    private static final Logger LOG = LoggerFactory.getLogger(SweepInbox.class);

    private final UploadRepository uploads;
    private final MediaStore store;
    private final UploadPolicy policy;
    private final JobSettings settings;
    private final Clock clock;

    public SweepInbox(UploadRepository uploads, MediaStore store, UploadPolicy policy, JobSettings settings,
                      Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    public JobSummary run() {
        Instant cutoff = clock.instant().minus(policy.uploadUrlTtl()).minus(settings.inboxSweepMargin());
        List<ListedBlob> old = store.listModifiedBefore(policy.uploadsContainer(), cutoff, settings.batchSize());
        return BatchRun.over("SweepInbox", old, settings.batchSize(), listed -> sweep(listed.blob()));
    }

    private boolean sweep(BlobRef blob) {
        Optional<UploadBlobName> name = UploadBlobName.parse(blob.name());
        Optional<Upload> owner = name.flatMap(n -> uploads.find(n.tenantId(), n.uploadId()));
        if (owner.filter(upload -> upload.mayStillNeed(blob)).isPresent()) {
            return false;
        }
        try (LogContext ignored = LogContext.of(name.map(UploadBlobName::tenantId).orElse("-"),
                name.map(UploadBlobName::uploadId).orElse("-"), "-").withSecurityEvent("orphaned_inbox_blob")) {
            LOG.warn("swept inbox blob {} that no upload waits for ({})", blob,
                    owner.map(upload -> "upload is " + upload.status()).orElse("no such upload"));
            return store.delete(blob);
        }
    }
}
