package com.contoso.media.transcoding;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/** The bounds of what a tenant may ask for in {@link TranscodeOptions}. */
public record TranscodeLimits(int maxHeight, int maxVideoKbps) {

    public static final int MAX_RUNGS = 6;
    public static final int MIN_HEIGHT = 144;
    public static final int MIN_VIDEO_KBPS = 100;
    public static final int MIN_CHUNK_SECONDS = 4;
    public static final int MAX_CHUNK_SECONDS = 120;
    public static final int MAX_THUMBNAILS = 20;
    public static final double MIN_THUMBNAIL_INTERVAL_SECONDS = 1;

    public static TranscodeLimits from(Settings settings) {
        return new TranscodeLimits((int) settings.getLong(AppSetting.TRANSCODE_OPTION_MAX_HEIGHT),
                (int) settings.getLong(AppSetting.TRANSCODE_OPTION_MAX_KBPS));
    }
}
