package com.contoso.media.storagereport;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.CaptionTrack;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadEvents;
import com.contoso.media.uploads.UploadOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Upload lifecycles built with the real domain transitions, and the events their histories raise. */
final class StorageHistories {

    enum Path { EXPIRED, REJECTED, STILL_WAITING, DOCUMENT, VIDEO, CAPTIONED_VIDEO, FAILED_VIDEO, PROCESSING }

    private StorageHistories() {
    }

    /**
     * One upload following {@code path}, its steps {@code gaps} apart (crossing days), deleted at the end when
     * {@code deleted}.
     */
    static Upload upload(String tenant, String id, Path path, long size, long renditions, long thumbnail,
                         Instant start, List<Duration> gaps, boolean deleted) {
        boolean video = path == Path.VIDEO || path == Path.CAPTIONED_VIDEO || path == Path.FAILED_VIDEO
                || path == Path.PROCESSING;
        String file = video ? "v.mp4" : "d.pdf";
        Upload upload = Upload.awaitingUpload(id, tenant, file, video ? "video/mp4" : "application/pdf", size,
                new BlobRef("uploads", tenant + "/" + id + "/" + file), "c", start, start.plusSeconds(900));
        Instant[] at = {start};
        java.util.function.Supplier<Instant> next = () -> {
            at[0] = at[0].plus(gaps.get(Math.floorMod(at[0].getNano() + gaps.size(), gaps.size())));
            return at[0];
        };
        upload = switch (path) {
            case EXPIRED -> upload.expire(next.get());
            case STILL_WAITING -> upload;
            case REJECTED -> upload.startValidating(next.get()).reject(new UploadError("size_mismatch", "x"), next.get());
            case DOCUMENT -> upload.startValidating(next.get()).succeed(List.of(new UploadOutput(UploadOutput.ORIGINAL,
                    "original", new BlobRef("media", id), "application/pdf", size, 0)), next.get());
            case PROCESSING -> upload.startValidating(next.get()).startProcessing(media(), next.get());
            case FAILED_VIDEO -> upload.startValidating(next.get()).startProcessing(media(), next.get())
                    .fail(new UploadError("transcode_failed", "x"), next.get());
            case VIDEO, CAPTIONED_VIDEO -> upload.startValidating(next.get()).startProcessing(media(), next.get())
                    .succeed(List.of(new UploadOutput(UploadOutput.ORIGINAL, "original", new BlobRef("media", id),
                                    "video/mp4", size, 2),
                            new UploadOutput(UploadOutput.HLS_MASTER, "master", new BlobRef("media", id + "/m"),
                                    "application/vnd.apple.mpegurl", 300, 2),
                            new UploadOutput(UploadOutput.HLS_RENDITION, "360p", new BlobRef("media", id + "/r"),
                                    "video/mp4", renditions, 2),
                            new UploadOutput(UploadOutput.THUMBNAIL, "thumbnail", new BlobRef("media", id + "/t"),
                                    "image/jpeg", thumbnail, 0)), next.get());
        };
        if (path == Path.CAPTIONED_VIDEO) {
            // Two tracks added at different times, then the first deleted: captions count from each change.
            CaptionTrack first = new CaptionTrack("a", "en", "English", true, 3, thumbnail + 11, start);
            CaptionTrack second = new CaptionTrack("b", "fr", "French", false, 2, thumbnail + 7, start);
            upload = upload.withCaptions(List.of(first), next.get()).captionsListed();
            upload = upload.withCaptions(List.of(first, second), next.get()).captionsListed();
            upload = upload.withCaptions(List.of(second), next.get()).captionsListed();
        }
        return deleted ? upload.delete(next.get()) : upload;
    }

    private static MediaInfo media() {
        return new MediaInfo(2, 640, 360, 30, true, 0);
    }

    /** Every event of the uploads, encoded as the relay publishes them, in the order they happened per upload. */
    static List<String> bodies(List<Upload> uploads) {
        List<String> bodies = new ArrayList<>();
        for (Upload upload : uploads) {
            for (UploadEvent event : UploadEvents.all(upload)) {
                bodies.add(CloudEventCodec.encode(event));
            }
        }
        return bodies;
    }
}
