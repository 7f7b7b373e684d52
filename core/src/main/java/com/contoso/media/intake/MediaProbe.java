package com.contoso.media.intake;

import com.contoso.media.uploads.MediaInfo;
import java.time.Duration;

/** Port: reads a media file's container and streams. */
public interface MediaProbe {

    /** Life of a read URL handed to ffmpeg for a probe or one frame: it needs to outlive one short run only. */
    Duration READ_URL_LIFETIME = Duration.ofMinutes(5);

    /**
     * Probes the media at {@code url} (a short-lived read SAS URL, or a {@code file:} URL) without copying it:
     * ffmpeg reads the container index and a few packets with range requests.
     *
     * @throws UnreadableMediaException when the file is not media this probe can read
     */
    MediaInfo probe(String url);

    final class UnreadableMediaException extends RuntimeException {
        public UnreadableMediaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
