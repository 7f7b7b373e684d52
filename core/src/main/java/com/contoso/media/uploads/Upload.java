package com.contoso.media.uploads;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.imports.SourceImport;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.transcoding.ClipSpec;
import com.contoso.media.transcoding.TranscodeOptions;
import com.contoso.media.transcoding.TranscodeProgress;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The upload record, the source of truth for one file's life cycle. Immutable: every transition returns a
 * new record, checked against {@link UploadStatus#canMoveTo}, with the change appended to {@code history}.
 * {@code eventsRaised} counts the history entries whose events are already in the outbox, so a write raises
 * exactly the events of the entries it appends. {@code etag} is the store's version, used for optimistic
 * concurrency (Cosmos DB keeps it in {@code _etag}). {@code transcodeOptions} is what the client chose at create;
 * {@code transcodeProgress} is written by the transcode as it goes, so listing uploads needs no other read.
 * {@code captions} are a succeeded video's caption tracks; {@code captionsPending} says the master playlist may not
 * list them yet (it is rewritten after the record, and whoever finds the flag set rewrites it).
 */
public record Upload(
        String id,
        String tenantId,
        String fileName,
        String contentType,
        long sizeBytes,
        BlobRef source,
        UploadStatus status,
        Optional<String> stage,
        int progressPercent,
        String correlationId,
        Instant createdAt,
        Instant updatedAt,
        Instant uploadUrlExpiresAt,
        Optional<MediaInfo> media,
        Optional<UploadError> error,
        List<UploadOutput> outputs,
        List<StateChange> history,
        int eventsRaised,
        Optional<TranscodeOptions> transcodeOptions,
        Optional<TranscodeProgress> transcodeProgress,
        Optional<SourceImport> sourceImport,
        Optional<ClipSpec> clipOf,
        List<CaptionTrack> captions,
        boolean captionsPending,
        TenantMetadata tenantMetadata,
        @JsonProperty("_etag") Optional<String> etag) {

    public Upload {
        outputs = List.copyOf(outputs);
        history = List.copyOf(history);
        // Records stored before these fields existed read them as absent.
        transcodeOptions = transcodeOptions == null ? Optional.empty() : transcodeOptions;
        transcodeProgress = transcodeProgress == null ? Optional.empty() : transcodeProgress;
        sourceImport = sourceImport == null ? Optional.empty() : sourceImport;
        clipOf = clipOf == null ? Optional.empty() : clipOf;
        captions = captions == null ? List.of() : List.copyOf(captions);
        tenantMetadata = tenantMetadata == null ? TenantMetadata.NONE : tenantMetadata;
    }

    public static Upload awaitingUpload(String id, String tenantId, String fileName, String contentType,
                                        long sizeBytes, BlobRef source, String correlationId,
                                        Instant now, Instant uploadUrlExpiresAt) {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, UploadStatus.AwaitingUpload,
                Optional.empty(), 0, correlationId, now, now, uploadUrlExpiresAt, Optional.empty(), Optional.empty(),
                List.of(), List.of(StateChange.inCurrentSpan(UploadStatus.AwaitingUpload, now, correlationId)), 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false,
                TenantMetadata.NONE, Optional.empty());
    }

    /**
     * A clip of {@code parent}'s video: accepted and processing from the start (nothing to upload or validate), so
     * its record raises the same events as any video that starts transcoding. It has no original; its size counts
     * nothing uploaded. Its HLS is written to its own folder ({@code playlist}), copies of the parent's segments,
     * so it outlives the parent.
     */
    public static Upload clipping(String id, Upload parent, ClipSpec clip, String fileName, BlobRef playlist,
                                  String correlationId, Instant now) {
        MediaInfo parentMedia = parent.media().orElseThrow();
        MediaInfo media = new MediaInfo(clip.endSeconds() - clip.startSeconds(), parentMedia.width(),
                parentMedia.height(), parentMedia.frameRate(), parentMedia.hasAudio(), parentMedia.rotation());
        Upload created = awaitingUpload(id, parent.tenantId(), fileName, parent.contentType(), 0, playlist,
                correlationId, now, now).startValidating(now).startProcessing(media, now);
        return created.with(d -> d.clipOf = Optional.of(clip));
    }

    /**
     * An upload whose file the service fetches from {@code source.url()}: it waits in {@code AwaitingUpload} at the
     * stage {@code fetching} until the fetched file lands in the inbox, then takes the same path as any other.
     * {@code sizeBytes} is the declared size, or 0 until the fetch knows it ({@link #fetched}); the expiry job
     * ends one whose work was lost, some time after the import's own deadline.
     */
    public static Upload importing(String id, String tenantId, String fileName, String contentType,
                                   SourceImport source, BlobRef inboxBlob, String correlationId, Instant now,
                                   Instant expiresAt) {
        return awaitingUpload(id, tenantId, fileName, contentType, source.declaredBytes().orElse(0L), inboxBlob,
                correlationId, now, expiresAt).with(d -> {
                    d.stage = Optional.of(FETCHING);
                    d.sourceImport = Optional.of(source);
                });
    }

    /** The stage of an import while its file is being fetched. */
    public static final String FETCHING = "fetching";

    /** The same record with the import's latest state; nothing changes once the upload has moved on. */
    public Upload withSourceImport(SourceImport changed) {
        if (status != UploadStatus.AwaitingUpload || sourceImport.isEmpty()) {
            return this;
        }
        return with(d -> d.sourceImport = Optional.of(changed));
    }

    /**
     * The whole file is staged: its size becomes the upload's (when none was declared), just before the blob is
     * committed, so that intake checks the file against it like any other.
     */
    public Upload fetched(SourceImport done) {
        return withSourceImport(done).with(d -> {
            d.sizeBytes = done.declaredBytes().orElse(done.bytesReceived());
            d.progressPercent = 100;
        });
    }

    /** A clip's length as cut: an instant clip spans whole segments, so it is known only once they are chosen. */
    public Upload withCutLength(double seconds) {
        return with(d -> d.media = d.media.map(m -> new MediaInfo(seconds, m.width(), m.height(), m.frameRate(),
                m.hasAudio(), m.rotation())));
    }

    /**
     * The file name without its extension ({@code talk} for {@code talk.mp4}; a name that starts with its only dot
     * is all stem): what the files made from the upload are named after.
     */
    public String fileStem() {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    public boolean isImport() {
        return sourceImport.isPresent();
    }

    /** The same record, with what the tenant says about it (its title, tags, metadata and own id). */
    public Upload withTenantMetadata(TenantMetadata changed) {
        return with(d -> d.tenantMetadata = changed);
    }

    /** The same record, with the client's choices for the transcode. */
    public Upload withTranscodeOptions(Optional<TranscodeOptions> options) {
        return with(d -> d.transcodeOptions = options);
    }

    /**
     * The record with the transcode's latest progress, while it is Processing; progress never moves back, so a
     * late or repeated write changes nothing.
     */
    public Upload withTranscodeProgress(TranscodeProgress progress) {
        boolean newer = transcodeProgress.map(progress::isAheadOf).orElse(true);
        if (status != UploadStatus.Processing || !newer) {
            return this;
        }
        return with(d -> {
            d.transcodeProgress = Optional.of(progress);
            d.stage = Optional.of(progress.stage());
            d.progressPercent = progress.percent();
        });
    }

    public boolean isVideo() {
        return contentType.startsWith("video/");
    }

    /**
     * Whether intake may still read {@code inboxBlob}: it is this upload's file, and the upload waits for it or is
     * being validated. Any other inbox blob is nobody's and is deleted on sight.
     */
    public boolean mayStillNeed(BlobRef inboxBlob) {
        return source.equals(inboxBlob)
                && (status == UploadStatus.AwaitingUpload || status == UploadStatus.Validating);
    }

    public Upload startValidating(Instant at) {
        return moveTo(UploadStatus.Validating, at).withStage("validating");
    }

    public Upload returnToAwaitingUpload(Instant at) {
        return moveTo(UploadStatus.AwaitingUpload, at).withStage(null);
    }

    /** An import whose source could not be fetched: rejected before any file arrived. */
    public Upload rejectImport(UploadError reason, Instant at) {
        return reject(reason, at).with(d -> d.sourceImport = sourceImport.map(SourceImport::released));
    }

    public Upload reject(UploadError reason, Instant at) {
        return moveTo(UploadStatus.Rejected, at).endedBy(reason);
    }

    public Upload fail(UploadError reason, Instant at) {
        return moveTo(UploadStatus.Failed, at).endedBy(reason);
    }

    public Upload succeed(List<UploadOutput> produced, Instant at) {
        return moveTo(UploadStatus.Succeeded, at).with(d -> {
            d.stage = Optional.empty();
            d.progressPercent = 100;
            d.transcodeProgress = Optional.empty();
            d.outputs = produced;
        });
    }

    public Upload startProcessing(MediaInfo probed, Instant at) {
        return moveTo(UploadStatus.Processing, at).with(d -> {
            d.stage = Optional.of("starting");
            d.media = Optional.of(probed);
        });
    }

    /** A valid video waiting for one of its tenant's encoding slots. */
    public Upload queue(MediaInfo probed, Instant at) {
        return moveTo(UploadStatus.Queued, at).with(d -> {
            d.stage = Optional.of("queued");
            d.media = Optional.of(probed);
        });
    }

    /** A queued video that got its slot. */
    public Upload startTranscoding(Instant at) {
        return moveTo(UploadStatus.Processing, at).withStage("starting");
    }

    public Upload expire(Instant at) {
        return moveTo(UploadStatus.Expired, at)
                .endedBy(new UploadError("upload_expired", "No file arrived before the upload URL expired."));
    }

    public Upload delete(Instant at) {
        return moveTo(UploadStatus.Deleted, at).with(d -> {
            d.stage = Optional.empty();
            d.transcodeProgress = Optional.empty();
        });
    }

    /**
     * The succeeded video with {@code tracks} as its caption tracks from {@code at}. The history gains an entry that
     * stays {@code Succeeded} and carries the tracks' bytes (it raises {@code media.captions.changed}), and the master
     * playlist is marked as not yet listing them until {@link #captionsListed}.
     */
    public Upload withCaptions(List<CaptionTrack> tracks, Instant at) {
        if (status != UploadStatus.Succeeded) {
            throw new IllegalStateException("Upload " + id + " is " + status + "; only a Succeeded video has captions");
        }
        List<StateChange> trail = new ArrayList<>(history);
        trail.add(StateChange.captionsChanged(at, correlationId,
                tracks.stream().mapToLong(CaptionTrack::sizeBytes).sum()));
        return with(d -> {
            d.captions = List.copyOf(tracks);
            d.captionsPending = true;
            d.updatedAt = at;
            d.history = trail;
        });
    }

    /** The record once the master playlist lists exactly its caption tracks. */
    public Upload captionsListed() {
        return captionsPending ? with(d -> d.captionsPending = false) : this;
    }

    /** The span of the upload's trace its latest state change happened in, for the work that change starts. */
    public Optional<TraceContext> latestTrace() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).trace().isPresent()) {
                return history.get(i).trace();
            }
        }
        return Optional.empty();
    }

    public Upload withEtag(String newEtag) {
        return with(d -> d.etag = Optional.of(newEtag));
    }

    /** The record with every history entry's events written to the outbox (see {@code UploadEvents}). */
    public Upload withEventsRaised() {
        return with(d -> d.eventsRaised = history.size());
    }

    private Upload moveTo(UploadStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Upload " + id + " cannot move from " + status + " to " + next);
        }
        List<StateChange> trail = new ArrayList<>(history);
        trail.add(StateChange.inCurrentSpan(next, at, correlationId));
        return with(d -> {
            d.status = next;
            d.updatedAt = at;
            d.history = trail;
        });
    }

    private Upload endedBy(UploadError reason) {
        return with(d -> {
            d.stage = Optional.empty();
            d.transcodeProgress = Optional.empty();
            d.error = Optional.of(reason);
        });
    }

    private Upload withStage(String newStage) {
        return with(d -> d.stage = Optional.ofNullable(newStage));
    }

    /** A changed copy: {@code change} sets only what differs, so no transition repeats the 26 components. */
    private Upload with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /**
     * The mutable components of a copy being made; identity and creation facts never change (the size only once,
     * when an import learns it).
     */
    private static final class Draft {
        private final Upload from;
        private long sizeBytes;
        private UploadStatus status;
        private Optional<String> stage;
        private int progressPercent;
        private Instant updatedAt;
        private Optional<MediaInfo> media;
        private Optional<UploadError> error;
        private List<UploadOutput> outputs;
        private List<StateChange> history;
        private int eventsRaised;
        private Optional<TranscodeOptions> transcodeOptions;
        private Optional<TranscodeProgress> transcodeProgress;
        private Optional<SourceImport> sourceImport;
        private Optional<ClipSpec> clipOf;
        private List<CaptionTrack> captions;
        private boolean captionsPending;
        private TenantMetadata tenantMetadata;
        private Optional<String> etag;

        private Draft(Upload from) {
            this.from = from;
            this.sizeBytes = from.sizeBytes;
            this.status = from.status;
            this.stage = from.stage;
            this.progressPercent = from.progressPercent;
            this.updatedAt = from.updatedAt;
            this.media = from.media;
            this.error = from.error;
            this.outputs = from.outputs;
            this.history = from.history;
            this.eventsRaised = from.eventsRaised;
            this.transcodeOptions = from.transcodeOptions;
            this.transcodeProgress = from.transcodeProgress;
            this.sourceImport = from.sourceImport;
            this.clipOf = from.clipOf;
            this.captions = from.captions;
            this.captionsPending = from.captionsPending;
            this.tenantMetadata = from.tenantMetadata;
            this.etag = from.etag;
        }

        private Upload build() {
            return new Upload(from.id, from.tenantId, from.fileName, from.contentType, sizeBytes, from.source,
                    status, stage, progressPercent, from.correlationId, from.createdAt, updatedAt,
                    from.uploadUrlExpiresAt, media, error, outputs, history, eventsRaised, transcodeOptions,
                    transcodeProgress, sourceImport, clipOf, captions, captionsPending, tenantMetadata, etag);
        }
    }
}
