package com.contoso.media.transcoding;

import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.intake.BlobCreated;
import com.contoso.media.intake.IntakeOutcome;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.json.Json;
import com.contoso.media.logging.LogContext;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadScans;
import com.contoso.media.uploads.UploadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps uploads from staying non-terminal forever:
 * <ul>
 *   <li>{@code Validating} whose intake died and whose event was never redelivered: intake runs again (it takes
 *       over the expired claim);</li>
 *   <li>{@code AwaitingUpload} whose file is in the inbox all the same: its blob event was lost (Event Grid gives up
 *       after 24 h, or at once on some answers, and dead-letters it), so intake runs as the event would have made it;</li>
 *   <li>{@code Processing} whose orchestration is missing, failed, terminated or completed without finishing the
 *       record: {@code Failed} with the reason, partial outputs deleted;</li>
 *   <li>{@code Processing} past the transcoding deadline: the orchestration is stopped, then as above;</li>
 *   <li>{@code Queued} whose orchestration is gone: {@code Failed} as above; otherwise its tenant's ledger is swept
 *       of places held by uploads that ended without giving them up (a crash between the two writes), so the line
 *       moves again.</li>
 * </ul>
 * Every upload that ends here gives up its encoding slot or place in line.
 * Every change is conditional on the record still being in the state examined, so concurrent runs are harmless.
 */
public final class TranscodeWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(TranscodeWatchdog.class);

    private final UploadRepository uploads;
    private final UploadScans scans;
    private final MediaStore store;
    private final TranscodeControl transcodes;
    private final TranscodeSlots slots;
    private final IntakeService intake;
    private final UploadPolicy policy;
    private final JobSettings settings;
    private final Duration transcodeDeadline;
    private final Clock clock;

    public TranscodeWatchdog(UploadRepository uploads, UploadScans scans, MediaStore store, TranscodeControl transcodes,
                             TranscodeSlots slots, IntakeService intake, UploadPolicy policy, JobSettings settings,
                             Duration transcodeDeadline, Clock clock) {
        this.uploads = uploads;
        this.scans = scans;
        this.store = store;
        this.transcodes = transcodes;
        this.slots = slots;
        this.intake = intake;
        this.policy = policy;
        this.settings = settings;
        this.transcodeDeadline = transcodeDeadline;
        this.clock = clock;
    }

    public JobSummary run() {
        long started = System.nanoTime();
        Instant cutoff = clock.instant().minus(settings.watchdogMinimumAge());
        List<Upload> validating = scans.findStale(UploadStatus.Validating,
                clock.instant().minus(policy.intakeClaimLease()), settings.batchSize());
        List<Upload> processing = concat(scans.findStale(UploadStatus.Processing, cutoff, settings.batchSize()),
                scans.findStale(UploadStatus.Queued, cutoff, settings.batchSize()));
        List<Upload> awaiting = scans.findStale(UploadStatus.AwaitingUpload, cutoff, settings.batchSize()).stream()
                .filter(upload -> store.describe(upload.source()).isPresent()).toList();
        int changed = 0;
        int failed = 0;
        for (Upload upload : concat(validating, awaiting)) {
            try (LogContext ignored = log(upload)) {
                IntakeOutcome outcome = intake.onBlobCreated(
                        new BlobCreated(upload.source().container(), upload.source().name()));
                changed += outcome.movedUpload() ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("re-running intake for {} failed", upload.id(), e);
                failed++;
            }
        }
        Set<String> sweptTenants = new HashSet<>();
        for (Upload upload : processing) {
            try (LogContext ignored = log(upload)) {
                changed += resolve(upload, sweptTenants) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("could not resolve upload {}", upload.id(), e);
                failed++;
            }
        }
        JobSummary summary = new JobSummary("TranscodeWatchdog", validating.size() + awaiting.size() + processing.size(),
                changed, failed, validating.size() == settings.batchSize() || processing.size() >= settings.batchSize(),
                (System.nanoTime() - started) / 1_000_000);
        LOG.info(Json.write(summary));
        return summary;
    }

    private boolean resolve(Upload upload, Set<String> sweptTenants) {
        Optional<InstanceState> state = transcodes.state(upload.id());
        boolean running = state.isPresent() && state.get() == InstanceState.RUNNING;
        if (running && upload.status() == UploadStatus.Queued) {
            // Waiting in line is not stuck, unless the line is held by uploads that ended.
            return sweptTenants.add(upload.tenantId()) && slots.reconcile(upload.tenantId()) > 0;
        }
        if (running) {
            if (upload.updatedAt().plus(transcodeDeadline).isAfter(clock.instant())) {
                return false;
            }
            transcodes.cancel(upload.id(), "Transcoding deadline passed");
            return fail(upload, TranscodeFailure.timedOut(transcodeDeadline));
        }
        LOG.warn("the transcoding orchestration {} without finishing the upload",
                state.map(s -> "ended " + s.name().toLowerCase()).orElse("is missing"));
        return fail(upload, TranscodeFailure.lost());
    }

    private boolean fail(Upload upload, UploadError reason) {
        boolean changed = uploads.transition(upload.tenantId(), upload.id(),
                current -> current.status() == upload.status(), current -> current.fail(reason, clock.instant()))
                .isPresent();
        if (changed) {
            slots.release(upload.tenantId(), upload.id()).forEach(transcodes::wake);
            policy.layout().deleteUpload(store, upload.tenantId(), upload.id());
            LOG.info("upload resolved Failed: {}", reason.code());
        }
        return changed;
    }

    private static List<Upload> concat(List<Upload> first, List<Upload> second) {
        List<Upload> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static LogContext log(Upload upload) {
        return LogContext.of(upload.tenantId(), upload.id(), upload.correlationId());
    }
}
