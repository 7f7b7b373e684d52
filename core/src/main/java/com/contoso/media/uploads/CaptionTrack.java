package com.contoso.media.uploads;

import java.time.Instant;

/**
 * One caption track of a transcoded video, as its record keeps it: the tenant's language, label and default flag,
 * the number of cues, and the bytes its files take in the library ({@code hls/captions/{id}/}: the whole WebVTT file,
 * its HLS subtitle playlist and segments). The label is unique among the upload's tracks: players list tracks by it.
 */
public record CaptionTrack(String id, String language, String label, boolean defaultTrack, int cues, long sizeBytes,
                           Instant addedAt) {

    /** The same track, default or not. */
    public CaptionTrack asDefault(boolean isDefault) {
        return new CaptionTrack(id, language, label, isDefault, cues, sizeBytes, addedAt);
    }
}
