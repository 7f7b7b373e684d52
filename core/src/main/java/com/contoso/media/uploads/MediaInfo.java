package com.contoso.media.uploads;

/** What the probe found in an accepted video; the transcoding plan and the usage reports read it. */
public record MediaInfo(double durationSeconds, int width, int height, double frameRate, boolean hasAudio) {
}
