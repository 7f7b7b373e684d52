package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.MediaInfo;
import java.util.List;

/**
 * Inputs and outputs of the transcoding activities and sub-orchestrations. They carry blob paths and segment
 * lists, never bytes (Durable payloads are capped at 4 MB: a two-hour video's segment list is a few hundred KB),
 * and no Optionals or java.time types, which the Durable data converter does not know.
 */
public final class TranscodeJobs {

    private TranscodeJobs() {
    }

    /** What the probe found; {@code usable=false} carries the rejection instead of failing the activity. */
    public record ProbeOutcome(boolean usable, MediaInfo media, String errorCode, String errorMessage) {
    }

    /** One fMP4 media segment as written: its file name in the rung's folder, length and size. */
    public record Segment(String file, double seconds, long bytes) {
    }

    /** One rung's segments from one chunk; {@code initBytes} is the shared init segment's size (first chunk only). */
    public record RungSegments(String rung, long initBytes, List<Segment> segments) {
    }

    /** One chunk of the given rungs (one rung, or every rung from one decode). */
    public record ChunkJob(TranscodeRequest request, Chunk chunk, List<Rung> rungs, int segmentSeconds) {
    }

    public record ChunkOutput(int chunk, List<RungSegments> rungs) {
    }

    /** One stretch of the audio, as its own HLS segments of the {@code audio} rendition. */
    public record AudioChunkJob(TranscodeRequest request, AudioStretch stretch, int segmentSeconds) {
    }

    /**
     * The input of one EncodeChunks sub-orchestration: its chunk jobs and audio stretches, how many at once, and
     * the deadline.
     */
    public record ChunkBatch(TranscodeRequest request, int batch, List<ChunkJob> jobs, List<AudioChunkJob> audio,
                             int maxParallel, long deadlineEpochMillis) {
    }

    public record BatchOutput(List<ChunkOutput> chunks) {
    }

    /** Stills at the given times; the first is the upload's main thumbnail. */
    /** The stills to take, and the video's length, over which the poster frame is looked for. */
    public record ThumbnailJob(TranscodeRequest request, int width, int height, List<Double> atSeconds,
                               double durationSeconds) {

        public ThumbnailJob(TranscodeRequest request, int width, int height, List<Double> atSeconds) {
            this(request, width, height, atSeconds, 0);
        }
    }

    /** A still; {@code poster} marks the one frame chosen to stand for the video in lists. */
    public record ThumbnailOutput(BlobRef blob, int width, int height, long bytes, double atSeconds, boolean poster) {

        public ThumbnailOutput(BlobRef blob, int width, int height, long bytes, double atSeconds) {
            this(blob, width, height, bytes, atSeconds, false);
        }
    }

    /**
     * Progress to record on the upload, and the preview's new segments: {@code video} of the preview rung and,
     * when the video has sound, {@code audio} (null otherwise).
     */
    public record ProgressJob(TranscodeRequest request, TranscodeProgress progress, Rung previewRung,
                              PreviewGrowth video, PreviewGrowth audio, int segmentSeconds) {
    }

    /**
     * One preview playlist's new segments: {@code segments} follow the {@code from} segments it already lists
     * (none when it did not grow).
     */
    public record PreviewGrowth(int from, List<Segment> segments) {
    }

    /**
     * Every rendition's segments, in order, to write the final playlists from: each rung's, then the audio's when
     * the video has sound.
     */
    public record PlaylistsJob(TranscodeRequest request, List<Rung> rungs, List<RungSegments> segments,
                               int segmentSeconds, boolean previewStarted) {
    }

    public record PlaylistsOutput(MasterOutput master, List<RenditionOutput> renditions) {
    }

    public record MasterOutput(BlobRef blob, long bytes) {
    }

    /** {@code storyboard} is null for a clip. */
    public record FinalizeJob(TranscodeRequest request, MasterOutput master, List<RenditionOutput> renditions,
                              List<ThumbnailOutput> thumbnails, List<DownloadOutput> downloads,
                              StoryboardOutput storyboard) {

        public FinalizeJob(TranscodeRequest request, MasterOutput master, List<RenditionOutput> renditions,
                           List<ThumbnailOutput> thumbnails) {
            this(request, master, renditions, thumbnails, List.of(), null);
        }
    }

    /**
     * The progressive downloads to make from a finished transcode's segments: {@code rung} (the highest up to
     * 1080p) as an MP4 with the sound, and the sound alone as an M4A; {@code hasAudio} false skips the latter.
     */
    public record DownloadsJob(TranscodeRequest request, String rung, boolean mp4, boolean audioOnly,
                               boolean hasAudio) {
    }

    /** A clip's HLS and its poster, a frame of its own first segment. */
    public record ClipOutput(MasterOutput master, List<RenditionOutput> renditions, ThumbnailOutput poster) {
    }

    /** The storyboard of a transcoded video, drawn from the frames of {@code rung}. */
    public record StoryboardJob(TranscodeRequest request, String rung, Storyboard storyboard) {
    }

    /** The storyboard's WebVTT and its sprite sheets, in order. */
    public record StoryboardOutput(BlobRef vtt, long vttBytes, List<SpriteOutput> sprites) {
    }

    public record SpriteOutput(BlobRef blob, long bytes) {
    }

    /** One download: {@code kind} {@code mp4} or {@code m4a}. */
    public record DownloadOutput(String kind, BlobRef blob, String contentType, long bytes, double durationSeconds) {
    }

    /**
     * Ends the upload {@code Rejected} or {@code Failed} with a reason: {@code message} is the tenant's sentence,
     * {@code detail} what went wrong inside (redacted), for the logs only.
     */
    public record EndJob(TranscodeRequest request, String status, String code, String message, String detail) {
    }
}
