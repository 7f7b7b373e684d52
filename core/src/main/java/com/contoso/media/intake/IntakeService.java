package com.contoso.media.intake;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.fairuse.Admission;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.logging.LogContext;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.tracing.Tracing;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeOptions;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates an uploaded blob and moves its upload on: {@code Rejected} with a reason, {@code Succeeded} for a
 * valid non-video, or, for a valid video its tenant's fair use admits ({@link TranscodeSlots}), {@code Processing}
 * or {@code Queued} (waiting for a slot) with the transcoding orchestration started. Accepted
 * bytes are promoted into the library first; the inbox blob is deleted in every case, and a blob that no upload
 * awaits is deleted on sight (see {@link com.contoso.media.blobs.BlobLayout}). Each move is one write of the record
 * with the events it raises ({@code media.upload.accepted}, {@code .rejected}, {@code media.transcode.started};
 * see {@link com.contoso.media.uploads.UploadEvents}), stored atomically by the repository.
 *
 * <p>Blob events arrive at least once. Only the delivery that wins the conditional move from
 * {@code AwaitingUpload} to {@code Validating} does any work, so repeats change nothing. A transient fault
 * puts the upload back to {@code AwaitingUpload} and rethrows, so the host's redelivery can try again; a claim
 * left behind by an intake that died is taken over by a redelivery once its lease has run out.
 */
public final class IntakeService {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("media.intake.outcome");

    private final UploadRepository uploads;
    private final MediaStore store;
    private final MediaProbe probe;
    private final TranscodeControl transcodes;
    private final TranscodeSlots slots;
    private final UploadPolicy policy;
    private final SourceLimits limits;
    private final BlobLayout layout;
    private final Clock clock;
    private final Telemetry telemetry;

    public IntakeService(UploadRepository uploads, MediaStore store, MediaProbe probe, TranscodeControl transcodes,
                         TranscodeSlots slots, UploadPolicy policy, SourceLimits limits, Clock clock,
                         Telemetry telemetry) {
        this.uploads = uploads;
        this.store = store;
        this.probe = probe;
        this.transcodes = transcodes;
        this.slots = slots;
        this.policy = policy;
        this.limits = limits;
        this.layout = policy.layout();
        this.clock = clock;
        this.telemetry = telemetry;
    }

    public IntakeOutcome onBlobCreated(BlobCreated event) {
        if (!event.container().equals(layout.inboxContainer())) {
            LOG.warn("ignored blob event for {}: not in the inbox", event.subject());
            return IntakeOutcome.IGNORED;
        }
        BlobRef written = new BlobRef(event.container(), event.blobName());
        Optional<UploadBlobName> name = UploadBlobName.parse(event.blobName());
        if (name.isEmpty()) {
            return discard(written, "-", "-", "not an upload path");
        }
        UploadBlobName blob = name.get();
        Optional<Upload> claimed = uploads.transition(blob.tenantId(), blob.uploadId(),
                current -> current.fileName().equals(blob.fileName()) && claimable(current),
                current -> current.startValidating(clock.instant()));
        if (claimed.isEmpty()) {
            return unclaimed(blob, written);
        }
        Upload upload = claimed.get();
        Instant started = clock.instant();
        // The claim happened outside any span; the intake span continues the trace its create request began.
        try (LogContext ignored = LogContext.of(upload.tenantId(), upload.id(), upload.correlationId());
             Tracing.Scope span = telemetry.tracing().open("intake", SpanKind.CONSUMER, upload.latestTrace(),
                     Tracing.upload(upload.tenantId(), upload.id()))) {
            try {
                IntakeOutcome outcome = validate(upload);
                clearInbox(upload, outcome);
                LOG.info("intake finished: {}", outcome);
                span.attribute(OUTCOME, outcome.name());
                measure(outcome, Duration.between(started, clock.instant()));
                return outcome;
            } catch (RuntimeException transientFault) {
                span.failed(transientFault);
                LOG.warn("intake failed, upload returned to AwaitingUpload for redelivery", transientFault);
                uploads.update(upload.tenantId(), upload.id(), current -> current.status() == UploadStatus.Validating
                        ? current.returnToAwaitingUpload(clock.instant()) : current);
                throw transientFault;
            }
        }
    }

    private void measure(IntakeOutcome outcome, Duration took) {
        String result = switch (outcome) {
            case SUCCEEDED -> "succeeded";
            case REJECTED -> "rejected";
            case PROCESSING, QUEUED -> "accepted";
            default -> null;
        };
        if (result != null) {
            telemetry.metrics().intakeTook(took, result);
            telemetry.metrics().uploadOutcome(result);
        }
    }

    /**
     * No claim was won. A repeat of the event while another delivery validates the blob leaves it alone; anything
     * else (a write after the upload was accepted, rejected, expired or deleted, a second file name, a path with no
     * upload) is removed at once, so nobody can park bytes in the inbox.
     */
    private IntakeOutcome unclaimed(UploadBlobName name, BlobRef written) {
        Optional<Upload> upload = uploads.find(name.tenantId(), name.uploadId());
        if (upload.filter(u -> u.mayStillNeed(written)).isPresent()) {
            LOG.info("ignored blob event for {}: another delivery is validating it", written);
            return IntakeOutcome.IGNORED;
        }
        return discard(written, name.tenantId(), name.uploadId(),
                upload.map(u -> u.source().equals(written) ? "the upload is " + u.status() : "not the upload's file")
                        .orElse("no such upload"));
    }

    private IntakeOutcome discard(BlobRef written, String tenantId, String uploadId, String why) {
        try (LogContext ignored = LogContext.of(tenantId, uploadId, "-").withSecurityEvent("unexpected_inbox_write")) {
            store.delete(written);
            LOG.warn("deleted inbox blob {} that no upload awaits: {}", written, why);
        }
        return IntakeOutcome.DISCARDED;
    }

    /**
     * The inbox keeps no bytes past their use: accepted bytes now live in the library, rejected ones are not kept.
     * An upload deleted while we validated may have been swept before we promoted it, so its library goes too.
     */
    private void clearInbox(Upload upload, IntakeOutcome outcome) {
        if (outcome == IntakeOutcome.IGNORED) {
            layout.deleteUpload(store, upload.tenantId(), upload.id());
        } else {
            store.delete(upload.source());
        }
    }

    private boolean claimable(Upload upload) {
        return upload.status() == UploadStatus.AwaitingUpload
                || upload.status() == UploadStatus.Validating
                && upload.updatedAt().plus(policy.intakeClaimLease()).isBefore(clock.instant());
    }

    private IntakeOutcome validate(Upload upload) {
        Optional<StoredBlob> stored = store.describe(upload.source());
        if (stored.isEmpty()) {
            throw new IllegalStateException("Blob " + upload.source() + " vanished before validation");
        }
        Optional<UploadError> problem = checkDeclaration(upload, stored.get());
        if (problem.isPresent()) {
            return reject(upload, problem.get());
        }
        if (!upload.isVideo()) {
            BlobRef original = promote(upload, stored.get());
            return finish(upload, current -> current.succeed(List.of(new UploadOutput(UploadOutput.ORIGINAL,
                    upload.fileName(), original, upload.contentType(), upload.sizeBytes(), 0)), clock.instant()),
                    IntakeOutcome.SUCCEEDED);
        }
        MediaInfo media;
        try {
            media = probe.probe(upload.source());
            Optional<UploadError> unusable = UsableVideo.problemWith(media)
                    .or(() -> limits.problemWith(media, upload.transcodeOptions().map(TranscodeOptions::chunkSeconds)))
                    .or(() -> backedByContent(upload.source(), media));
            if (unusable.isPresent()) {
                return reject(upload, unusable.get());
            }
        } catch (MediaProbe.UnreadableMediaException e) {
            LOG.info("ffmpeg could not read the upload: {}", e.getMessage());
            return reject(upload, UsableVideo.unreadable());
        } catch (MediaProbe.ProbeTimedOutException e) {
            return reject(upload, UsableVideo.probeTimedOut(e));
        }
        // Last, once nothing else can refuse it: admission charges the video's minutes to the tenant's day.
        Admission admission = slots.admit(upload, media);
        if (admission.kind() == Admission.Kind.OVER_QUOTA) {
            return reject(upload, admission.refusal().orElseThrow());
        }
        // A queued video's orchestration starts too: its first step waits for the slot (TranscodeSlots.claim).
        transcodes.start(new TranscodeRequest(upload.id(), upload.tenantId(), promote(upload, stored.get()),
                upload.correlationId(), upload.transcodeOptions().orElse(null), TraceContext.current().orElse(null)));
        boolean queued = admission.kind() == Admission.Kind.QUEUED;
        IntakeOutcome outcome = finish(upload, current -> queued ? current.queue(media, clock.instant())
                : current.startProcessing(media, clock.instant()), queued ? IntakeOutcome.QUEUED : IntakeOutcome.PROCESSING);
        if (outcome == IntakeOutcome.IGNORED) {
            // Deleted while we validated: the orchestration we just started must not outlive it, nor hold a place.
            transcodes.cancel(upload.id(), "Upload deleted during validation");
            slots.release(upload.tenantId(), upload.id()).forEach(transcodes::wake);
        }
        return outcome;
    }

    private Optional<UploadError> checkDeclaration(Upload upload, StoredBlob stored) {
        if (stored.sizeBytes() == 0) {
            return Optional.of(new UploadError("empty_file", "The uploaded file is empty."));
        }
        if (stored.sizeBytes() != upload.sizeBytes()) {
            return Optional.of(new UploadError("size_mismatch", "Declared " + upload.sizeBytes()
                    + " bytes but received " + stored.sizeBytes() + "."));
        }
        if (!stored.contentType().equals(upload.contentType())) {
            return Optional.of(new UploadError("content_type_mismatch", "Declared " + upload.contentType()
                    + " but the upload was sent as " + stored.contentType() + "."));
        }
        if (!FileSignature.matches(upload.contentType(), store.readHead(upload.source(), FileSignature.HEAD_LENGTH))) {
            return Optional.of(new UploadError("signature_mismatch", "The file's content is not "
                    + upload.contentType() + "."));
        }
        return Optional.empty();
    }

    /**
     * Copies the validated version into the library, server-side, where clients cannot write: everything served or
     * transcoded is read from there. The copy is pinned to the ETag validation saw, so a write in between fails it
     * (a transient fault: the new bytes' own event validates them) instead of promoting bytes nobody checked.
     */
    private BlobRef promote(Upload upload, StoredBlob validated) {
        BlobRef original = layout.original(upload.tenantId(), upload.id(), upload.fileName());
        store.copy(upload.source(), validated.etag(), original, BlobLayout.ORIGINAL_TAGS);
        return original;
    }

    /**
     * Decodes one frame near the claimed end, after the limits passed: a header patched to claim hours in a few
     * kilobytes is caught here, before a single chunk is planned.
     */
    private Optional<UploadError> backedByContent(BlobRef source, MediaInfo media) {
        return probe.decodesVideoAt(source, SourceLimits.plausibilityCheckpoint(media))
                ? Optional.empty() : Optional.of(SourceLimits.implausibleDuration(media));
    }

    private IntakeOutcome reject(Upload upload, UploadError reason) {
        LOG.info("upload rejected: {} {}", reason.code(), reason.message());
        return finish(upload, current -> current.reject(reason, clock.instant()), IntakeOutcome.REJECTED);
    }

    /** Applies the final move unless the upload left {@code Validating} meanwhile (deleted by its owner). */
    private IntakeOutcome finish(Upload upload, UnaryOperator<Upload> move, IntakeOutcome outcome) {
        Optional<Upload> after = uploads.update(upload.tenantId(), upload.id(),
                current -> current.status() == UploadStatus.Validating ? move.apply(current) : current);
        return after.filter(u -> u.status() != UploadStatus.Deleted && u.status() != UploadStatus.Validating)
                .map(u -> outcome).orElse(IntakeOutcome.IGNORED);
    }
}
