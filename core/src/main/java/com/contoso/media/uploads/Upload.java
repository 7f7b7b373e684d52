package com.contoso.media.uploads;

import com.contoso.media.storage.BlobRef;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upload record, the source of truth for one file's life cycle. Immutable: every transition returns a
 * new record, checked against {@link UploadStatus#canMoveTo}, with the change appended to {@code history}.
 * {@code eventsRaised} counts the history entries whose events are already in the outbox, so a write raises
 * exactly the events of the entries it appends. {@code etag} is the store's version, used for optimistic
 * concurrency (Cosmos DB keeps it in {@code _etag}).
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
        @JsonProperty("_etag") Optional<String> etag) {

    public Upload {
        outputs = List.copyOf(outputs);
        history = List.copyOf(history);
    }

    public static Upload awaitingUpload(String id, String tenantId, String fileName, String contentType,
                                        long sizeBytes, BlobRef source, String correlationId,
                                        Instant now, Instant uploadUrlExpiresAt) {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, UploadStatus.AwaitingUpload,
                Optional.empty(), 0, correlationId, now, now, uploadUrlExpiresAt, Optional.empty(), Optional.empty(),
                List.of(), List.of(new StateChange(UploadStatus.AwaitingUpload, now, correlationId)), 0,
                Optional.empty());
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

    public Upload reject(UploadError reason, Instant at) {
        return moveTo(UploadStatus.Rejected, at).withError(reason);
    }

    public Upload fail(UploadError reason, Instant at) {
        return moveTo(UploadStatus.Failed, at).withError(reason);
    }

    public Upload succeed(List<UploadOutput> produced, Instant at) {
        Upload next = moveTo(UploadStatus.Succeeded, at).withStage(null);
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, next.status, next.stage, 100,
                correlationId, createdAt, next.updatedAt, uploadUrlExpiresAt, media, error, produced, next.history,
                eventsRaised, etag);
    }

    public Upload startProcessing(MediaInfo probed, Instant at) {
        Upload next = moveTo(UploadStatus.Processing, at).withStage("queued");
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, next.status, next.stage,
                progressPercent, correlationId, createdAt, next.updatedAt, uploadUrlExpiresAt, Optional.of(probed),
                error, outputs, next.history, eventsRaised, etag);
    }

    public Upload expire(Instant at) {
        return moveTo(UploadStatus.Expired, at).withStage(null)
                .withError(new UploadError("upload_expired", "No file arrived before the upload URL expired."));
    }

    public Upload delete(Instant at) {
        return moveTo(UploadStatus.Deleted, at).withStage(null);
    }

    public Upload withEtag(String newEtag) {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, status, stage, progressPercent,
                correlationId, createdAt, updatedAt, uploadUrlExpiresAt, media, error, outputs, history, eventsRaised,
                Optional.of(newEtag));
    }

    /** The record with every history entry's events written to the outbox (see {@code UploadEvents}). */
    public Upload withEventsRaised() {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, status, stage, progressPercent,
                correlationId, createdAt, updatedAt, uploadUrlExpiresAt, media, error, outputs, history, history.size(),
                etag);
    }

    private Upload moveTo(UploadStatus next, Instant at) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Upload " + id + " cannot move from " + status + " to " + next);
        }
        List<StateChange> trail = new ArrayList<>(history);
        trail.add(new StateChange(next, at, correlationId));
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, next, stage, progressPercent,
                correlationId, createdAt, at, uploadUrlExpiresAt, media, error, outputs, trail, eventsRaised, etag);
    }

    private Upload withStage(String newStage) {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, status, Optional.ofNullable(newStage),
                progressPercent, correlationId, createdAt, updatedAt, uploadUrlExpiresAt, media, error, outputs,
                history, eventsRaised, etag);
    }

    private Upload withError(UploadError reason) {
        return new Upload(id, tenantId, fileName, contentType, sizeBytes, source, status, Optional.empty(),
                progressPercent, correlationId, createdAt, updatedAt, uploadUrlExpiresAt, media,
                Optional.of(reason), outputs, history, eventsRaised, etag);
    }
}
