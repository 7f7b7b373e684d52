package com.contoso.media.transcoding;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/** The bounds of what a tenant may ask for in {@link TranscodeOptions}. */
public record TranscodeLimits(int maxHeight, int maxVideoKbps) {

    public static final int MAX_RUNGS = 6;
    public static final int MIN_HEIGHT = 144;
    public static final int MIN_VIDEO_KBPS = 100;
    /**
     * Two 4-second segments: shorter chunks multiply activities and Durable history for no speed, and with
     * {@code MAX_TRANSCODE_CHUNKS} (1,800) even the longest video accepted (4 hours) fits at this length.
     */
    public static final int MIN_CHUNK_SECONDS = 8;
    public static final int MAX_CHUNK_SECONDS = 120;
    public static final int MAX_THUMBNAILS = 20;
    public static final double MIN_THUMBNAIL_INTERVAL_SECONDS = 1;

    public static TranscodeLimits from(Settings settings) {
        return new TranscodeLimits((int) settings.getLong(AppSetting.TRANSCODE_OPTION_MAX_HEIGHT),
                (int) settings.getLong(AppSetting.TRANSCODE_OPTION_MAX_KBPS));
    }
}
