package com.contoso.media.intake;

import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.UploadError;
import java.util.Optional;

/**
 * The one home of "is this a video we can transcode": intake applies it to reject early, and the orchestration's
 * probe applies it again (the file is probed where it is transcoded), with the same codes and words. The words are
 * written for the tenant: what ffmpeg said stays in the logs.
 */
public final class UsableVideo {

    private UsableVideo() {
    }

    /** Empty when the probed media is a usable video; otherwise why not. */
    public static Optional<UploadError> problemWith(MediaInfo media) {
        if (media.width() <= 0 || media.height() <= 0) {
            return Optional.of(new UploadError("no_video_stream", "The file has no video stream."));
        }
        if (media.durationSeconds() <= 0) {
            return Optional.of(new UploadError("unreadable_media", "The video has no measurable duration."));
        }
        return Optional.empty();
    }

    /** ffmpeg could not read the file at all. */
    public static UploadError unreadable() {
        return new UploadError("unreadable_media", "The file could not be read as video.");
    }

    /** Reading the file took longer than the probe may: a hostile or broken container, never waited on for long. */
    public static UploadError probeTimedOut(MediaProbe.ProbeTimedOutException cause) {
        return new UploadError("probe_timeout", "The file could not be read within "
                + cause.limit().toSeconds() + " s.");
    }
}
