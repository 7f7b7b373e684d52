package com.contoso.media.uploads;

/**
 * What the probe found in an accepted video; the transcoding plan and the usage reports read it.
 * {@code width} and {@code height} are the displayed size: a phone video stored 1920x1080 with a 90 degree
 * rotation is 1080x1920 here, which is what ffmpeg (it applies the rotation) hands the encoders.
 *
 * <p>Odd sources report a frame rate of 0/0 or a duration ffmpeg cannot tell: those become 0 here, because the record
 * crosses the Functions Java worker as JSON made by a plain Gson, which throws on NaN and infinities.
 */
public record MediaInfo(double durationSeconds, int width, int height, double frameRate, boolean hasAudio,
                        int rotation) {

    public MediaInfo {
        durationSeconds = finiteOrZero(durationSeconds);
        frameRate = finiteOrZero(frameRate);
    }

    private static double finiteOrZero(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
