package com.contoso.media.intake;

import com.contoso.media.uploads.MediaInfo;

/** Port: reads a media file's container and streams. */
public interface MediaProbe {

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
