package com.contoso.media.storagereport;

import com.contoso.media.events.UploadEventData;
import com.contoso.media.uploads.UploadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one version of an upload says about its storage: every status it passed through, with times, and the bytes
 * it wrote by kind. Facts only grow from one version to the next (a newer event's history extends the older one's),
 * which is why the latest version wins: it contains everything the older ones said. {@link #changes()} turns the
 * facts into the moments the upload's footprint and status changed:
 * <ul>
 *   <li>the original counts from its acceptance (entering {@code Queued} or {@code Processing}, or {@code Succeeded}
 *   straight from validation) until the upload is deleted, or its transcode fails (the library copy is removed
 *   then);</li>
 *   <li>renditions and thumbnails count from a transcode's success until the upload is deleted;</li>
 *   <li>caption tracks count from the entry that added them, at the bytes it records, until a later entry records
 *   other bytes (a track added or deleted) or the upload is deleted;</li>
 *   <li>rejected and expired uploads never count; each status counts one upload from the moment it is entered.</li>
 * </ul>
 */
public record StorageFacts(List<UploadEventData.HistoryEntry> history, UploadEventData.StoredBytes bytes) {

    public static final StorageFacts NONE = new StorageFacts(List.of(), new UploadEventData.StoredBytes(0, 0, 0));

    /** A change in bytes of one kind, or in the count of uploads in one status, at one moment. */
    public record Change(Instant at, Map<StoredKind, Long> bytes, Map<String, Long> statuses) {
    }

    public StorageFacts {
        history = List.copyOf(history);
    }

    /** The facts a version 2 event carries. */
    public static StorageFacts of(UploadEventData data) {
        return new StorageFacts(data.history().orElseThrow(), data.storedBytes().orElseThrow());
    }

    /** The facts the upload's previous event carried: the first {@code priorHistory} entries of the same history. */
    public static StorageFacts priorOf(UploadEventData data) {
        return new StorageFacts(data.history().orElseThrow().subList(0, data.priorHistory().orElseThrow()),
                data.storedBytes().orElseThrow());
    }

    /** Whether the event carries facts (version 2 data); version 1 events do not. */
    public static boolean carriedBy(UploadEventData data) {
        return data.history().isPresent() && data.storedBytes().isPresent() && data.priorHistory().isPresent();
    }

    public String status() {
        return history.isEmpty() ? "" : history.get(history.size() - 1).status();
    }

    /** The bytes counting at the end of the history, by kind. */
    public Map<StoredKind, Long> storedNow() {
        Map<StoredKind, Long> now = new EnumMap<>(StoredKind.class);
        for (Change change : changes()) {
            change.bytes().forEach((kind, delta) -> now.merge(kind, delta, Long::sum));
        }
        return now;
    }

    public List<Change> changes() {
        List<Change> changes = new ArrayList<>();
        Map<StoredKind, Long> counted = new EnumMap<>(StoredKind.class);
        String previous = null;
        for (UploadEventData.HistoryEntry entry : history) {
            Map<StoredKind, Long> bytesDelta = new EnumMap<>(StoredKind.class);
            String status = entry.status();
            boolean fromProcessing = UploadStatus.Processing.name().equals(previous);
            boolean fromQueued = UploadStatus.Queued.name().equals(previous);
            boolean accepted = status.equals(UploadStatus.Processing.name()) || status.equals(UploadStatus.Queued.name());
            if (entry.captionBytes().isPresent()) {
                long now = entry.captionBytes().get();
                long before = counted.getOrDefault(StoredKind.CAPTIONS, 0L);
                if (now != before) {
                    bytesDelta.put(StoredKind.CAPTIONS, now - before);
                }
                if (now == 0) {
                    counted.remove(StoredKind.CAPTIONS);
                } else {
                    counted.put(StoredKind.CAPTIONS, now);
                }
            } else if (accepted && !counted.containsKey(StoredKind.ORIGINALS)
                    || status.equals(UploadStatus.Succeeded.name()) && !fromProcessing) {
                start(counted, bytesDelta, StoredKind.ORIGINALS, bytes.originals());
            } else if (status.equals(UploadStatus.Succeeded.name())) {
                start(counted, bytesDelta, StoredKind.RENDITIONS, bytes.renditions());
                start(counted, bytesDelta, StoredKind.THUMBNAILS, bytes.thumbnails());
            } else if (status.equals(UploadStatus.Deleted.name()) || fromProcessing || fromQueued && !accepted) {
                // Deleted removes everything; a failed or refused transcode removes the library's original.
                counted.forEach((kind, size) -> bytesDelta.put(kind, -size));
                counted.clear();
            }
            Map<String, Long> statusDelta = new TreeMap<>();
            statusDelta.merge(status, 1L, Long::sum);
            if (previous != null) {
                statusDelta.merge(previous, -1L, Long::sum);
            }
            statusDelta.values().removeIf(v -> v == 0);
            changes.add(new Change(entry.at(), bytesDelta, statusDelta));
            previous = status;
        }
        return changes;
    }

    private static void start(Map<StoredKind, Long> counted, Map<StoredKind, Long> delta, StoredKind kind, long size) {
        if (size > 0 && !counted.containsKey(kind)) {
            counted.put(kind, size);
            delta.put(kind, size);
        }
    }
}
