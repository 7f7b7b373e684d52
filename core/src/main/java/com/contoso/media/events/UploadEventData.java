package com.contoso.media.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code data} of an upload event: what the upload was when the event was raised. Durations are whole
 * milliseconds so that sums are exact in any order. {@code outputBytes} is set on transcode success,
 * {@code errorCode} on rejection and failure.
 *
 * <p>Version 2 of the schema (docs/design.md, "Events") adds what a latest-version-wins projection needs to rebuild the
 * upload's whole storage timeline from its newest event alone: {@code history}, every status the upload passed
 * through up to this event, with its time; {@code storedBytes}, the bytes it has written by kind as of this event;
 * and {@code priorHistory}, how many of those history entries the upload's previous event carried. All three are
 * absent from version 1 events, which consumers still accept. Version 2 also carries the tenant's own fields of the
 * upload as they were when the event was raised: {@code title}, {@code tags}, {@code metadata}, {@code externalId}
 * (each absent when empty); no projection reads them, they are passed through to subscribers and webhooks.
 */
public record UploadEventData(String fileName, String contentType, long sizeBytes, Optional<Long> durationMillis,
                              Optional<Long> outputBytes, Optional<String> errorCode,
                              Optional<List<HistoryEntry>> history, Optional<StoredBytes> storedBytes,
                              Optional<Integer> priorHistory, Optional<String> title, Optional<List<String>> tags,
                              Optional<Map<String, String>> metadata, Optional<String> externalId) {

    public UploadEventData {
        // Bodies written before the tenant's fields existed read them as absent.
        title = title == null ? Optional.empty() : title;
        tags = tags == null ? Optional.empty() : tags;
        metadata = metadata == null ? Optional.empty() : metadata;
        externalId = externalId == null ? Optional.empty() : externalId;
    }

    /** Data without the tenant's own fields. */
    public UploadEventData(String fileName, String contentType, long sizeBytes, Optional<Long> durationMillis,
                           Optional<Long> outputBytes, Optional<String> errorCode,
                           Optional<List<HistoryEntry>> history, Optional<StoredBytes> storedBytes,
                           Optional<Integer> priorHistory) {
        this(fileName, contentType, sizeBytes, durationMillis, outputBytes, errorCode, history, storedBytes,
                priorHistory, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * One status the upload entered, and when; an entry that changed a succeeded video's caption tracks (it stays
     * {@code Succeeded}) carries {@code captionBytes}, the bytes its tracks take from then on.
     */
    public record HistoryEntry(String status, Instant at, Optional<Long> captionBytes) {

        public HistoryEntry {
            // Entries written before captions existed read it as absent.
            captionBytes = captionBytes == null ? Optional.empty() : captionBytes;
        }

        public HistoryEntry(String status, Instant at) {
            this(status, at, Optional.empty());
        }
    }

    /**
     * Bytes the upload has written to the library, by kind: the promoted original; renditions (HLS segments and
     * playlists); thumbnails. Whether and when they count follows from the history.
     */
    public record StoredBytes(long originals, long renditions, long thumbnails) {
    }

    /** A version 1 event's data. */
    public UploadEventData(String fileName, String contentType, long sizeBytes, Optional<Long> durationMillis,
                           Optional<Long> outputBytes, Optional<String> errorCode) {
        this(fileName, contentType, sizeBytes, durationMillis, outputBytes, errorCode, Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
