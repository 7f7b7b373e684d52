package com.contoso.media.transcoding;

import java.util.List;

/**
 * What a client may choose per upload ({@code transcode} in {@code POST /api/uploads}), already checked against
 * {@link TranscodeLimits}. Null fields keep the service's defaults; nulls rather than Optionals because the
 * options travel in Durable payloads.
 *
 * @param ladder       rungs to encode, highest first; rungs above the source's height are dropped (never upscaled)
 * @param thumbnails   how many stills to take, or how often
 * @param chunkSeconds length of the parallel encoding chunks
 * @param mp4          also a progressive MP4 download of the highest rung up to 1080p, with the sound
 * @param audioOnly    also an audio-only M4A download
 */
public record TranscodeOptions(List<RungChoice> ladder, ThumbnailChoice thumbnails, Integer chunkSeconds,
                               Boolean mp4, Boolean audioOnly) {

    public TranscodeOptions {
        ladder = ladder == null ? null : List.copyOf(ladder);
    }

    public TranscodeOptions(List<RungChoice> ladder, ThumbnailChoice thumbnails, Integer chunkSeconds) {
        this(ladder, thumbnails, chunkSeconds, null, null);
    }

    /** One rung: output height in pixels and video bitrate in kbit/s. */
    public record RungChoice(int height, int videoKbps) {
    }

    /** Exactly one is set: a number of stills spread over the video, or one still every so many seconds. */
    public record ThumbnailChoice(Integer count, Double intervalSeconds) {
    }
}
