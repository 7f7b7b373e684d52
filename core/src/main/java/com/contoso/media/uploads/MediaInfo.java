package com.contoso.media.uploads;

/**
 * What the probe found in an accepted video; the transcoding plan and the usage reports read it.
 * {@code width} and {@code height} are the displayed size: a phone video stored 1920x1080 with a 90 degree
 * rotation is 1080x1920 here, which is what ffmpeg (it applies the rotation) hands the encoders.
 */
public record MediaInfo(double durationSeconds, int width, int height, double frameRate, boolean hasAudio,
                        int rotation) {
}
