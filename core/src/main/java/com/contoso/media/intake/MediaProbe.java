package com.contoso.media.intake;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.MediaInfo;
import java.time.Duration;

/**
 * Port: reads a media file's container and streams where it lies in storage, without copying it (the adapter reads
 * the container index and a few packets with range requests, under a time limit).
 */
public interface MediaProbe {

    /**
     * @throws UnreadableMediaException when the file is not media this probe can read
     * @throws ProbeTimedOutException   when reading it took longer than the probe may
     */
    MediaInfo probe(BlobRef source);

    /**
     * Whether a video frame decodes at about {@code atSeconds}: one seek and one frame, the cheap way to tell a
     * duration the content backs from one a patched header only claims.
     */
    boolean decodesVideoAt(BlobRef source, double atSeconds);

    /** Throws when the probe cannot work at all (no usable ffmpeg), for the health endpoint. */
    void checkReady();

    final class UnreadableMediaException extends RuntimeException {
        public UnreadableMediaException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    final class ProbeTimedOutException extends RuntimeException {
        private final Duration limit;

        public ProbeTimedOutException(Duration limit) {
            super("the probe ran longer than " + limit + " and was stopped");
            this.limit = limit;
        }

        public Duration limit() {
            return limit;
        }
    }
}
