package com.contoso.media.intake;

import com.contoso.media.uploads.MediaInfo;
import java.nio.file.Path;

/** Port: reads a media file's container and streams. */
public interface MediaProbe {

    /** @throws UnreadableMediaException when the file is not media this probe can read */
    MediaInfo probe(Path file);

    final class UnreadableMediaException extends RuntimeException {
        public UnreadableMediaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
