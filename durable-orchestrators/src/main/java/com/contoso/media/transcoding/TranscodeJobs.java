package com.contoso.media.transcoding;

import com.contoso.media.storage.BlobRef;
import com.contoso.media.uploads.MediaInfo;
import java.util.List;

/**
 * Inputs and outputs of the transcoding activities. They carry blob paths, never bytes (Durable payloads are
 * capped at 4 MB), and no Optionals or java.time types, which the Durable data converter does not know.
 */
public final class TranscodeJobs {

    private TranscodeJobs() {
    }

    /** What the probe found; {@code usable=false} carries the rejection instead of failing the activity. */
    public record ProbeOutcome(boolean usable, MediaInfo media, String errorCode, String errorMessage) {
    }

    public record RenditionJob(TranscodeRequest request, Rung rung, int segmentSeconds, boolean withAudio) {
    }

    /** Every rung from one decode of the source. */
    public record LadderJob(TranscodeRequest request, List<Rung> rungs, int segmentSeconds, boolean withAudio) {
    }

    public record ThumbnailJob(TranscodeRequest request, int width, int height, double atSeconds) {
    }

    public record ThumbnailOutput(BlobRef blob, int width, int height, long bytes) {
    }

    public record MasterPlaylistJob(TranscodeRequest request, List<RenditionOutput> renditions) {
    }

    public record MasterOutput(BlobRef blob, long bytes) {
    }

    public record FinalizeJob(TranscodeRequest request, MasterOutput master, List<RenditionOutput> renditions,
                              ThumbnailOutput thumbnail) {
    }

    /** Ends the upload {@code Rejected} or {@code Failed} with a reason. */
    public record EndJob(TranscodeRequest request, String status, String code, String message) {
    }
}
