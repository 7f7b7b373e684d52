package com.contoso.media.storagereport;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadEvents;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage report's safety net, run by ReconcileReports for the uploads it re-reads: the upload's state in the
 * report must be the facts of its newest event, as the upload record gives them, with the sizes of the blobs that
 * are really in the library (the original and the thumbnails, one blob each; renditions span many segment blobs and
 * keep the recorded size). A missed event, or a size that differs from the blob, is corrected through the same
 * conditional transition the aggregator writes, and logged.
 */
public final class StorageReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(StorageReconciler.class);

    private static final Set<String> STILLS = Set.of(UploadOutput.THUMBNAIL, UploadOutput.POSTER,
            UploadOutput.STORYBOARD, UploadOutput.SPRITE);

    private final StorageReportStore store;
    private final MediaStore media;
    private final BlobLayout layout;

    public StorageReconciler(StorageReportStore store, MediaStore media, BlobLayout layout) {
        this.store = store;
        this.media = media;
        this.layout = layout;
    }

    /** Whether the upload's state had to be corrected. */
    public boolean reconcile(Upload upload) {
        List<UploadEvent> events = UploadEvents.all(upload);
        UploadEvent newest = events.get(events.size() - 1);
        StorageFacts recorded = StorageFacts.of(newest.data());
        StorageFacts truth = new StorageFacts(recorded.history(), realSizes(upload, recorded.bytes()));
        Optional<UploadStorage> stored = store.find(upload.tenantId(), upload.id());
        long storedSequence = stored.map(UploadStorage::sequence).orElse(0L);
        StorageFacts before = stored.map(UploadStorage::facts).orElse(StorageFacts.NONE);
        if (storedSequence > newest.sequence() || storedSequence == newest.sequence() && before.equals(truth)) {
            return false;
        }
        boolean corrected = store.apply(new StorageTransition(storedSequence, new UploadStorage(upload.tenantId(),
                upload.id(), newest.sequence(), truth), newest.time(), DayDelta.between(before, truth)));
        if (corrected) {
            LOG.warn("corrected the storage report of upload {} of {}: stored version {} with {}, records say version"
                    + " {} with {}", upload.id(), upload.tenantId(), storedSequence, before.bytes(), newest.sequence(),
                    truth.bytes());
        }
        return corrected;
    }

    private UploadEventData.StoredBytes realSizes(Upload upload, UploadEventData.StoredBytes recorded) {
        if (upload.status() != UploadStatus.Succeeded) {
            return recorded;
        }
        long original = media.describe(layout.original(upload.tenantId(), upload.id(), upload.fileName()))
                .map(StoredBlob::sizeBytes).orElse(recorded.originals());
        List<UploadOutput> stills = upload.outputs().stream().filter(o -> STILLS.contains(o.kind())).toList();
        // A client may ask for several stills; they, the poster and the storyboard count as thumbnails, each one blob.
        long thumbnail = stills.isEmpty() ? recorded.thumbnails() : stills.stream()
                .mapToLong(o -> media.describe(o.blob()).map(StoredBlob::sizeBytes).orElse(0L)).sum();
        if (original != recorded.originals() || thumbnail != recorded.thumbnails()) {
            LOG.warn("upload {} of {}: the library holds {} bytes of original and {} of thumbnail, the record says {}"
                    + " and {}", upload.id(), upload.tenantId(), original, thumbnail, recorded.originals(),
                    recorded.thumbnails());
        }
        return new UploadEventData.StoredBytes(original, recorded.renditions(), thumbnail);
    }
}
