package com.contoso.media.captions;

import com.contoso.media.uploads.CaptionTrack;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A master playlist listing exactly the given caption tracks: one {@code EXT-X-MEDIA TYPE=SUBTITLES} rendition per
 * track in one group that every variant names (RFC 8216 §4.3.4.1 and §4.3.4.2). Whatever subtitles the playlist
 * listed before are taken out first, so rendering is a function of the tracks alone and may be repeated.
 */
public final class MasterWithSubtitles {

    static final String GROUP = "subs";
    private static final String MEDIA_TAG = "#EXT-X-MEDIA:TYPE=SUBTITLES,";
    private static final Pattern SUBTITLES_ATTRIBUTE = Pattern.compile(",SUBTITLES=\"[^\"]*\"");

    private MasterWithSubtitles() {
    }

    public static String render(String master, List<CaptionTrack> tracks) {
        List<String> lines = master.lines().filter(line -> !line.startsWith(MEDIA_TAG))
                .map(line -> line.startsWith("#EXT-X-STREAM-INF:")
                        ? SUBTITLES_ATTRIBUTE.matcher(line).replaceAll("") : line)
                .collect(Collectors.toList());
        if (!tracks.isEmpty()) {
            int firstVariant = 0;
            while (firstVariant < lines.size() && !lines.get(firstVariant).startsWith("#EXT-X-STREAM-INF:")) {
                firstVariant++;
            }
            lines.replaceAll(line -> line.startsWith("#EXT-X-STREAM-INF:")
                    ? line + ",SUBTITLES=\"" + GROUP + "\"" : line);
            lines.addAll(firstVariant, tracks.stream().map(MasterWithSubtitles::media).toList());
        }
        return String.join("\n", lines) + "\n";
    }

    /** The playlist of a track, relative to the master. */
    public static String playlistPath(String trackId) {
        return "captions/" + trackId + "/index.m3u8";
    }

    private static String media(CaptionTrack track) {
        // Labels hold no quote or control character (NewCaptionTrack), so they are valid quoted strings as they are.
        return MEDIA_TAG + "GROUP-ID=\"" + GROUP + "\",NAME=\"" + track.label() + "\",LANGUAGE=\""
                + track.language() + "\",DEFAULT=" + (track.defaultTrack() ? "YES" : "NO")
                + ",AUTOSELECT=YES,FORCED=NO,URI=\"" + playlistPath(track.id()) + "\"";
    }
}
