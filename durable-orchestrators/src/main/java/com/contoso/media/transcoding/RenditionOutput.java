package com.contoso.media.transcoding;

import com.contoso.media.storage.BlobRef;

/**
 * One finished HLS rendition: its media playlist, measured bitrates (bit/s) and size. {@code peakBps} is the
 * highest segment bitrate (HLS BANDWIDTH), {@code averageBps} the whole-stream one (AVERAGE-BANDWIDTH).
 */
public record RenditionOutput(String name, BlobRef playlist, int width, int height, long peakBps, long averageBps,
                              String codecs, double durationSeconds, long bytes) {
}
