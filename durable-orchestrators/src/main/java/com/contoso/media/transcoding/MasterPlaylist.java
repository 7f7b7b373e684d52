package com.contoso.media.transcoding;

import java.util.Comparator;
import java.util.List;

/**
 * Renders an HLS master playlist (RFC 8216 §4.3.4.2), highest bandwidth first. When the video has sound, the one
 * audio rendition is an {@code EXT-X-MEDIA} group every variant names, so switching rungs never touches the audio.
 */
public final class MasterPlaylist {

    static final String AUDIO_GROUP = "audio";

    private MasterPlaylist() {
    }

    /**
     * Variant URIs are relative ({@code 720p/index.m3u8}), so the playlist stays valid wherever it is served; the
     * audio's playlist has the variants' name ({@code index.m3u8}, or {@code preview.m3u8} for the preview).
     */
    public static String render(List<RenditionOutput> renditions, RenditionOutput audio, String variantPlaylist) {
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        if (audio != null) {
            m3u8.append("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"").append(AUDIO_GROUP)
                    .append("\",NAME=\"Main\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"")
                    .append(audio.name()).append('/').append(variantPlaylist).append("\"\n");
        }
        long audioPeak = audio == null ? 0 : audio.peakBps();
        long audioAverage = audio == null ? 0 : audio.averageBps();
        renditions.stream().sorted(Comparator.comparingLong(RenditionOutput::peakBps).reversed()).forEach(r -> {
            m3u8.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(r.peakBps() + audioPeak)
                    .append(",AVERAGE-BANDWIDTH=").append(r.averageBps() + audioAverage)
                    .append(",RESOLUTION=").append(r.width()).append('x').append(r.height())
                    .append(",CODECS=\"").append(r.codecs()).append('"');
            if (audio != null) {
                m3u8.append(",AUDIO=\"").append(AUDIO_GROUP).append('"');
            }
            m3u8.append('\n').append(r.name()).append('/').append(variantPlaylist).append('\n');
        });
        return m3u8.toString();
    }
}
