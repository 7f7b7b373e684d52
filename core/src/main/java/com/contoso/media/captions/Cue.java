package com.contoso.media.captions;

/**
 * One caption cue: its times in whole milliseconds on the video's own clock (0 is its first frame), its WebVTT cue
 * settings (empty when none) and its text, one or more lines, already valid WebVTT cue text.
 */
public record Cue(long startMillis, long endMillis, String settings, String text) {

    /** Whether the cue shows at some moment of {@code [fromMillis, toMillis)}. */
    public boolean overlaps(long fromMillis, long toMillis) {
        return startMillis < toMillis && endMillis > fromMillis;
    }
}
