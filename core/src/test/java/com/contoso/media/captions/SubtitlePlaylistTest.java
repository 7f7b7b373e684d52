package com.contoso.media.captions;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.uploads.CaptionTrack;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlePlaylistTest {

    private static final List<Double> SEGMENTS = List.of(4.0, 4.0, 4.0, 1.5);

    @Test
    void oneSegmentPerVideoSegmentWithCuesOnBothSidesOfABoundaryAndQuietOnesSharingOneFile() {
        List<Cue> cues = List.of(new Cue(500, 1500, "", "first"), new Cue(3500, 4500, "", "across"),
                new Cue(12_000, 13_900, "", "past the last boundary"));

        SubtitlePlaylist hls = SubtitlePlaylist.of(cues, SEGMENTS, 1_260_000);

        assertThat(hls.playlist()).isEqualTo("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:0
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXTINF:4.000000,
                seg-00000.vtt
                #EXTINF:4.000000,
                seg-00001.vtt
                #EXTINF:4.000000,
                empty.vtt
                #EXTINF:1.500000,
                seg-00003.vtt
                #EXT-X-ENDLIST
                """);
        assertThat(hls.files()).containsOnlyKeys("empty.vtt", "seg-00000.vtt", "seg-00001.vtt", "seg-00003.vtt");
        assertThat(hls.files().get("seg-00000.vtt")).startsWith("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS=1260000,"
                + "LOCAL=00:00:00.000\n").contains("first").contains("across");
        assertThat(hls.files().get("seg-00001.vtt")).contains("across").doesNotContain("first");
        assertThat(hls.files().get("seg-00003.vtt")).contains("past the last boundary");
        assertThat(hls.files().get("empty.vtt")).isEqualTo("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS=1260000,"
                + "LOCAL=00:00:00.000\n");
    }

    @Test
    void theMasterListsExactlyTheGivenTracksAndRenderingAgainChangesNothing() {
        String master = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"Main\","
                + "URI=\"audio/index.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=900000,AUDIO=\"audio\"\n360p/index.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=400000,AUDIO=\"audio\"\n240p/index.m3u8\n";
        CaptionTrack english = new CaptionTrack("0123456789abcdef", "en", "English", true, 3, 100, Instant.EPOCH);
        CaptionTrack french = new CaptionTrack("fedcba9876543210", "fr", "Français", false, 2, 80, Instant.EPOCH);

        String both = MasterWithSubtitles.render(master, List.of(english, french));

        assertThat(both).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\","
                + "DEFAULT=YES,AUTOSELECT=YES,FORCED=NO,URI=\"captions/0123456789abcdef/index.m3u8\"\n"
                + "#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Français\",LANGUAGE=\"fr\",DEFAULT=NO");
        assertThat(both.indexOf("TYPE=SUBTITLES")).isLessThan(both.indexOf("#EXT-X-STREAM-INF"));
        assertThat(both.lines().filter(line -> line.startsWith("#EXT-X-STREAM-INF")))
                .hasSize(2).allMatch(line -> line.endsWith(",AUDIO=\"audio\",SUBTITLES=\"subs\""));
        assertThat(MasterWithSubtitles.render(both, List.of(english, french))).isEqualTo(both);
        assertThat(MasterWithSubtitles.render(both, List.of(english))).doesNotContain("Français");
        assertThat(MasterWithSubtitles.render(both, List.of())).isEqualTo(master);
    }
}
