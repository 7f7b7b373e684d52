package com.contoso.media.transcoding;

import com.contoso.media.uploads.UploadError;
import java.time.Duration;

/**
 * Why a transcode ended {@code Failed}, in the words a tenant reads. The orchestration and the watchdog both end
 * transcodes, so the codes and sentences live here once; what failed inside goes to the logs, never in here.
 */
public final class TranscodeFailure {

    private TranscodeFailure() {
    }

    public static UploadError timedOut(Duration deadline) {
        return new UploadError("transcode_timeout", "Transcoding took longer than the " + deadline.toMinutes()
                + " minutes allowed, so it was stopped and its outputs removed.");
    }

    public static UploadError failed() {
        return new UploadError("transcode_failed", "The video could not be transcoded, so its outputs were removed."
                + " Upload it again, or contact support with the upload's id.");
    }

    public static UploadError lost() {
        return new UploadError("transcode_lost",
                "Transcoding stopped before it finished, so its outputs were removed. Upload the video again.");
    }
}
