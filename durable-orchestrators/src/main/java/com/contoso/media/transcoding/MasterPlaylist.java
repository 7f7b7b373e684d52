package com.contoso.media.transcoding;

import java.util.Comparator;
import java.util.List;

/** Renders the HLS master playlist (RFC 8216 §4.3.4.2) for finished renditions, highest bandwidth first. */
public final class MasterPlaylist {

    private MasterPlaylist() {
    }

    /** Variant URIs are relative ({@code 720p/index.m3u8}), so the playlist stays valid wherever it is served. */
    public static String render(List<RenditionOutput> renditions) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        renditions.stream().sorted(Comparator.comparingLong(RenditionOutput::peakBps).reversed()).forEach(r ->
                m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.peakBps())
                        .append(",AVERAGE-BANDWIDTH=").append(r.averageBps())
                        .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
                        .append(",CODECS=\"").append(r.codecs()).append("\"\n")
                        .append(r.name()).append("/index.m3u8\n"));
        return m3u8.toString();
    }
}
