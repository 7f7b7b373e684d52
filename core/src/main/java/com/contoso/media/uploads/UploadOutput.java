package com.contoso.media.uploads;

import com.contoso.media.blobs.BlobRef;

/**
 * A blob the upload produced (or the accepted original). {@code label} tells renditions apart ("720p");
 * {@code durationSeconds} is 0 for outputs that are not timed media. Read URLs are signed only when asked.
 */
public record UploadOutput(String kind, String label, BlobRef blob, String contentType, long sizeBytes,
                           double durationSeconds) {

    public static final String ORIGINAL = "original";
    public static final String HLS_MASTER = "hls";
    public static final String HLS_RENDITION = "rendition";
    public static final String THUMBNAIL = "thumbnail";
    /** The small still that stands for a video in lists: a frame past its lead-in, neither black nor blank. */
    public static final String POSTER = "poster";
    /** The storyboard's WebVTT: one cue per tile, pointing into a sprite sheet ({@code sprite-001.jpg#xywh=…}). */
    public static final String STORYBOARD = "storyboard";
    /** A sprite sheet of the storyboard, labelled with the file name its cues use. */
    public static final String SPRITE = "sprite";
    /** A progressive MP4 download of the highest rung up to 1080p, with the sound. */
    public static final String MP4 = "mp4";
    /** The sound alone, as an M4A download. */
    public static final String M4A = "m4a";

    public boolean isOriginal() {
        return kind.equals(ORIGINAL);
    }
}
