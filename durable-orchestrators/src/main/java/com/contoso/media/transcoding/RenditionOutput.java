package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import java.util.List;

/**
 * One finished HLS rendition: its media playlist, measured bitrates (bit/s) and size. {@code peakBps} is the
 * highest segment bitrate (HLS BANDWIDTH), {@code averageBps} the whole-stream one (AVERAGE-BANDWIDTH).
 */
public record RenditionOutput(String name, BlobRef playlist, int width, int height, long peakBps, long averageBps,
                              String codecs, double durationSeconds, long bytes) {

    /** The sound's rendition: its name, and its folder beside the rungs'. */
    public static final String AUDIO = "audio";
    static final String AUDIO_CODECS = "mp4a.40.2";

    /** Measures a rendition from its segments; {@code otherBytes} are its init segment and playlist. */
    static RenditionOutput measured(String name, BlobRef playlist, int width, int height, String codecs,
                                    List<Segment> segments, long otherBytes) {
        long peak = 0;
        long mediaBytes = 0;
        double seconds = 0;
        for (Segment segment : segments) {
            if (segment.seconds() > 0) {
                peak = Math.max(peak, Math.round(segment.bytes() * 8 / segment.seconds()));
            }
            mediaBytes += segment.bytes();
            seconds += segment.seconds();
        }
        long average = seconds > 0 ? Math.round(mediaBytes * 8 / seconds) : 0;
        return new RenditionOutput(name, playlist, width, height, peak, average, codecs, seconds,
                mediaBytes + otherBytes);
    }
}
