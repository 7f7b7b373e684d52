package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.Segment;
import java.util.List;
import java.util.Locale;

/**
 * Renders a media playlist (RFC 8216 §4.3.3) over segments encoded chunk by chunk; they share the rendition's one
 * {@code init.mp4}. {@code VOD} is the finished rendition. {@code EVENT} is the preview: while the video is being
 * transcoded it only ever grows (a player may poll it), and it ends with {@code EXT-X-ENDLIST} when the
 * transcode does.
 */
final class MediaPlaylist {

    enum Type { VOD, EVENT }

    private MediaPlaylist() {
    }

    static String render(List<Segment> segments, Type type, boolean ended, int segmentSeconds) {
        double longest = segments.stream().mapToDouble(Segment::seconds).max().orElse(segmentSeconds);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n")
                .append("#EXT-X-TARGETDURATION:").append((int) Math.ceil(Math.max(longest, segmentSeconds)))
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:").append(type)
                .append("\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        for (Segment segment : segments) {
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%n", segment.seconds())).append(segment.file())
                    .append('\n');
        }
        if (ended) {
            m3u8.append("#EXT-X-ENDLIST\n");
        }
        return m3u8.toString();
    }
}
