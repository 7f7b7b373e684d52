package com.contoso.media.intake;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.UploadError;
import java.util.Locale;
import java.util.Optional;

/**
 * What a source video may be, checked at intake from the probe before any encoding is planned: every limit bounds
 * the compute one upload can buy (a 20 KB file must not claim hours of work). Each has its own rejection code and a
 * message that names the limit and what was found.
 *
 * @param maxSeconds          longest duration ({@code MAX_VIDEO_SECONDS})
 * @param maxWidth            widest displayed frame ({@code MAX_VIDEO_WIDTH})
 * @param maxHeight           tallest displayed frame ({@code MAX_VIDEO_HEIGHT})
 * @param maxPixels           largest frame area ({@code MAX_VIDEO_PIXELS})
 * @param maxFrameRate        highest frame rate ({@code MAX_VIDEO_FRAME_RATE})
 * @param maxChunks           most chunk encodes one upload may plan ({@code MAX_TRANSCODE_CHUNKS})
 * @param defaultChunkSeconds chunk length when the upload chose none ({@code TRANSCODE_CHUNK_SECONDS})
 */
public record SourceLimits(double maxSeconds, int maxWidth, int maxHeight, long maxPixels, double maxFrameRate,
                           int maxChunks, int defaultChunkSeconds) {

    public static SourceLimits from(Settings settings) {
        return new SourceLimits(settings.getLong(AppSetting.MAX_VIDEO_SECONDS),
                (int) settings.getLong(AppSetting.MAX_VIDEO_WIDTH), (int) settings.getLong(AppSetting.MAX_VIDEO_HEIGHT),
                settings.getLong(AppSetting.MAX_VIDEO_PIXELS), settings.getLong(AppSetting.MAX_VIDEO_FRAME_RATE),
                (int) settings.getLong(AppSetting.MAX_TRANSCODE_CHUNKS),
                (int) settings.getLong(AppSetting.TRANSCODE_CHUNK_SECONDS));
    }

    /**
     * The first limit the probed source breaks, or empty. {@code chunkSeconds} is the upload's own chunk length
     * when it chose one.
     */
    public Optional<UploadError> problemWith(MediaInfo media, Optional<Integer> chunkSeconds) {
        if (media.durationSeconds() > maxSeconds) {
            return reject("duration_too_long", "The video lasts %s; the longest accepted is %s.",
                    clock(media.durationSeconds()), clock(maxSeconds));
        }
        if (media.width() > maxWidth || media.height() > maxHeight) {
            return reject("frame_too_large", "The video's frame is %dx%d; the largest accepted is %dx%d.",
                    media.width(), media.height(), maxWidth, maxHeight);
        }
        long pixels = (long) media.width() * media.height();
        if (pixels > maxPixels) {
            return reject("too_many_pixels", "The video's frame has %,d pixels (%dx%d); the most accepted is %,d.",
                    pixels, media.width(), media.height(), maxPixels);
        }
        if (media.frameRate() > maxFrameRate) {
            return reject("frame_rate_too_high", "The video runs at %s frames per second; the most accepted is %s.",
                    number(media.frameRate()), number(maxFrameRate));
        }
        int seconds = chunkSeconds.orElse(defaultChunkSeconds);
        long chunks = (long) Math.ceil(media.durationSeconds() / seconds);
        if (chunks > maxChunks) {
            return reject("too_many_chunks", "The video would be cut into %d chunks of %d s; the most accepted is %d."
                    + " Choose longer chunks.", chunks, seconds, maxChunks);
        }
        return Optional.empty();
    }

    /** The probe found no video frame near the end the container claims: its duration is not backed by content. */
    public static UploadError implausibleDuration(MediaInfo media) {
        return new UploadError("implausible_duration", String.format(Locale.ROOT,
                "The file claims to last %s, but holds no video near its end.", clock(media.durationSeconds())));
    }

    /**
     * Where to look for a frame to back the claimed duration: a little before the end, because the container's
     * duration may run past the last frame (a longer audio track, the last frame's own length).
     */
    public static double plausibilityCheckpoint(MediaInfo media) {
        double margin = Math.max(2, media.durationSeconds() * 0.05);
        return Math.max(0, media.durationSeconds() - margin);
    }

    private static Optional<UploadError> reject(String code, String format, Object... values) {
        return Optional.of(new UploadError(code, String.format(Locale.ROOT, format, values)));
    }

    /** 3725.4 s reads "1:02:05 (3725 s)": people think of long videos in hours and minutes. */
    static String clock(double seconds) {
        long whole = (long) Math.floor(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d (%d s)", whole / 3600, whole / 60 % 60, whole % 60, whole);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
