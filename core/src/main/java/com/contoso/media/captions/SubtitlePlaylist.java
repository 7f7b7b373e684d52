package com.contoso.media.captions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A caption track as an HLS subtitles rendition (RFC 8216 §3.5): a media playlist with one WebVTT segment per
 * segment of the video, on the same boundaries, so a player loads the captions for the part it plays and no more.
 * A cue that spans a boundary is in both segments (players drop the repeat). Segments without cues all name one
 * header-only file, so a long quiet video costs one blob, not one per segment.
 *
 * @param playlist the media playlist's text
 * @param files    every file it names, by name, with its text
 */
public record SubtitlePlaylist(String playlist, Map<String, String> files) {

    static final String EMPTY_SEGMENT = "empty.vtt";

    public SubtitlePlaylist {
        files = Map.copyOf(files);
    }

    /**
     * {@code segmentSeconds} are the video's segment durations in order; {@code startTicks} is its first timestamp in
     * 90 kHz units (see {@link WebVtt#segment}).
     */
    public static SubtitlePlaylist of(List<Cue> cues, List<Double> segmentSeconds, long startTicks) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(EMPTY_SEGMENT, WebVtt.segment(List.of(), startTicks));
        double longest = segmentSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder m3u8 = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(longest)).append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        double elapsed = 0;
        for (int i = 0; i < segmentSeconds.size(); i++) {
            long from = Math.round(elapsed * 1000);
            elapsed += segmentSeconds.get(i);
            // The last segment takes every cue still to show, so none past the final boundary is lost.
            long to = i == segmentSeconds.size() - 1 ? Long.MAX_VALUE : Math.round(elapsed * 1000);
            List<Cue> inside = new ArrayList<>();
            for (Cue cue : cues) {
                if (cue.overlaps(from, to)) {
                    inside.add(cue);
                }
            }
            String name = EMPTY_SEGMENT;
            if (!inside.isEmpty()) {
                name = String.format(Locale.ROOT, "seg-%05d.vtt", i);
                files.put(name, WebVtt.segment(inside, startTicks));
            }
            m3u8.append(String.format(Locale.ROOT, "#EXTINF:%.6f,", segmentSeconds.get(i))).append('\n')
                    .append(name).append('\n');
        }
        return new SubtitlePlaylist(m3u8.append("#EXT-X-ENDLIST\n").toString(), files);
    }
}
