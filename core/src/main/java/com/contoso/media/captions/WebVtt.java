package com.contoso.media.captions;

import java.util.List;
import java.util.Locale;

/** Writes cues as WebVTT: the whole file a person downloads, and the segments an HLS player loads. */
public final class WebVtt {

    private WebVtt() {
    }

    /** A whole WebVTT file of {@code cues}. */
    public static String file(List<Cue> cues) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        cues.forEach(cue -> append(vtt, cue));
        return vtt.toString();
    }

    /**
     * One HLS subtitle segment (RFC 8216 §3.5): the cues keep their times on the video's clock, and
     * {@code X-TIMESTAMP-MAP} ties that clock's 0 to the video's first timestamp, {@code startTicks} in 90 kHz units,
     * which is how a player lines the cues up with the fragmented MP4 it plays.
     */
    public static String segment(List<Cue> cues, long startTicks) {
        StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS=").append(startTicks)
                .append(",LOCAL=00:00:00.000\n");
        cues.forEach(cue -> append(vtt, cue));
        return vtt.toString();
    }

    private static void append(StringBuilder vtt, Cue cue) {
        vtt.append('\n').append(timestamp(cue.startMillis())).append(" --> ").append(timestamp(cue.endMillis()));
        if (!cue.settings().isEmpty()) {
            vtt.append(' ').append(cue.settings());
        }
        vtt.append('\n');
        if (!cue.text().isEmpty()) {
            vtt.append(cue.text()).append('\n');
        }
    }

    /** {@code hh:mm:ss.ttt}, hours growing past two digits when they must. */
    public static String timestamp(long millis) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
