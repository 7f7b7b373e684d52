package com.contoso.media.uploads;

import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which events an upload's history raises. Each history entry raises zero, one or two events, determined by the
 * state it entered and the one it left; numbering them along the history gives each upload a gap-free,
 * strictly increasing {@code sequence}. Every write of a record goes through {@link #raise} (the repository port's
 * {@code create}, {@code replace} and {@code update} do it, in the core), and the adapter stores the record and the
 * raised events atomically, which is what keeps state and events from diverging.
 */
public final class UploadEvents {

    private UploadEvents() {
    }

    /** The events of the entries appended since the last write, and the record marked as having raised them. */
    public record Raised(Upload upload, List<UploadEvent> events) {
    }

    public static Raised raise(Upload upload) {
        return new Raised(upload.withEventsRaised(), eventsFrom(upload, upload.eventsRaised()));
    }

    /** Every event the upload's history implies; reconciliation compares reports against these. */
    public static List<UploadEvent> all(Upload upload) {
        return eventsFrom(upload, 0);
    }

    private static List<UploadEvent> eventsFrom(Upload upload, int firstEntry) {
        List<UploadEvent> events = new ArrayList<>();
        long sequence = 0;
        int priorHistory = 0;
        UploadStatus previous = null;
        for (int entry = 0; entry < upload.history().size(); entry++) {
            StateChange change = upload.history().get(entry);
            for (EventType type : change.changedCaptions() ? List.of(EventType.CAPTIONS_CHANGED)
                    : typesFor(previous, change.status())) {
                sequence++;
                if (entry >= firstEntry) {
                    events.add(new UploadEvent(UploadEvent.idOf(upload.tenantId(), upload.id(), sequence), type,
                            upload.tenantId(), upload.id(), change.correlationId(), sequence, change.at(),
                            dataOf(upload, type, entry + 1, priorHistory), change.trace()));
                }
                priorHistory = entry + 1;
            }
            previous = change.status();
        }
        return events;
    }

    /**
     * A video is accepted when it starts processing, or when it is queued for its tenant's next free encoding slot
     * (then {@code media.transcode.started} follows when it gets one). Once accepted, a refusal by the transcoder
     * (status {@code Rejected} or {@code Failed} from {@code Processing} or {@code Queued}) is a failed transcode, so
     * an upload is counted either accepted or rejected, never both.
     */
    static List<EventType> typesFor(UploadStatus from, UploadStatus to) {
        if (from == null) {
            return List.of(EventType.UPLOAD_REQUESTED);
        }
        return switch (to) {
            case AwaitingUpload, Validating -> List.of();
            case Queued -> List.of(EventType.UPLOAD_ACCEPTED);
            case Processing -> from == UploadStatus.Queued ? List.of(EventType.TRANSCODE_STARTED)
                    : List.of(EventType.UPLOAD_ACCEPTED, EventType.TRANSCODE_STARTED);
            case Succeeded -> List.of(from == UploadStatus.Processing
                    ? EventType.TRANSCODE_SUCCEEDED : EventType.UPLOAD_ACCEPTED);
            case Rejected, Failed -> List.of(from == UploadStatus.Processing || from == UploadStatus.Queued
                    ? EventType.TRANSCODE_FAILED : EventType.UPLOAD_REJECTED);
            case Expired -> List.of(EventType.UPLOAD_EXPIRED);
            case Deleted -> List.of(EventType.UPLOAD_DELETED);
        };
    }

    /**
     * Output bytes are what transcoding produced; the promoted original is already counted as uploaded bytes. The
     * data depends only on the upload's first {@code historyLength} entries and on values fixed once set (sizes),
     * so an event's data is the same whenever it is computed (reconciliation recomputes it). The tenant's fields are
     * the exception, as of the computation; nothing that counts reads them.
     */
    private static UploadEventData dataOf(Upload upload, EventType type, int historyLength, int priorHistory) {
        Optional<Long> outputBytes = type == EventType.TRANSCODE_SUCCEEDED
                ? Optional.of(upload.outputs().stream().filter(output -> !output.isOriginal())
                        .mapToLong(UploadOutput::sizeBytes).sum())
                : Optional.empty();
        Optional<String> errorCode = type == EventType.UPLOAD_REJECTED || type == EventType.TRANSCODE_FAILED
                ? upload.error().map(UploadError::code) : Optional.empty();
        List<UploadEventData.HistoryEntry> history = upload.history().subList(0, historyLength).stream()
                .map(change -> new UploadEventData.HistoryEntry(change.status().name(), change.at(),
                        change.captionBytes())).toList();
        TenantMetadata fields = upload.tenantMetadata();
        boolean transcoded = history.stream().anyMatch(h -> h.status().equals(UploadStatus.Succeeded.name()));
        UploadEventData.StoredBytes stored = new UploadEventData.StoredBytes(upload.sizeBytes(),
                transcoded ? bytesOf(upload, UploadOutput.HLS_RENDITION, UploadOutput.HLS_MASTER, UploadOutput.MP4,
                        UploadOutput.M4A) : 0,
                transcoded ? bytesOf(upload, UploadOutput.THUMBNAIL, UploadOutput.POSTER,
                        UploadOutput.STORYBOARD, UploadOutput.SPRITE) : 0);
        return new UploadEventData(upload.fileName(), upload.contentType(), upload.sizeBytes(),
                upload.media().map(m -> Math.round(m.durationSeconds() * 1000)), outputBytes, errorCode,
                Optional.of(history), Optional.of(stored), Optional.of(priorHistory), fields.title(),
                Optional.of(fields.tags()).filter(tags -> !tags.isEmpty()),
                Optional.of(fields.metadata()).filter(metadata -> !metadata.isEmpty()), fields.externalId());
    }

    private static long bytesOf(Upload upload, String... kinds) {
        List<String> wanted = List.of(kinds);
        return upload.outputs().stream().filter(output -> wanted.contains(output.kind()))
                .mapToLong(UploadOutput::sizeBytes).sum();
    }
}
