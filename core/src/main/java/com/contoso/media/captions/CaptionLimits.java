package com.contoso.media.captions;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;

/**
 * What one caption file and one video's tracks may take: {@code CAPTIONS_MAX_BYTES} per file (a feature film's
 * subtitles are 50 to 150 KB), {@code CAPTIONS_MAX_TRACKS} per video.
 */
public record CaptionLimits(long maxFileBytes, int maxTracks) {

    public static CaptionLimits from(Settings settings) {
        return new CaptionLimits(settings.getLong(AppSetting.CAPTIONS_MAX_BYTES),
                (int) settings.getLong(AppSetting.CAPTIONS_MAX_TRACKS));
    }
}
