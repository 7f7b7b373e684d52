package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StoryboardTest {

    @Test
    void aShortVideoGetsATileEverySecondInOneSheet() {
        Storyboard board = Storyboard.of(12.5, 1280, 720, 4);

        assertThat(board.intervalSeconds()).isEqualTo(1);
        assertThat(board.fromSegmentStarts()).as("decoded whole").isFalse();
        assertThat(board.tiles()).isEqualTo(13);
        assertThat(board.sheets()).isEqualTo(1);
        assertThat(board.tileHeight()).isEqualTo(90);
        assertThat(board.vtt()).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nsprite-001.jpg#xywh=0,0,160,90\n")
                .contains("00:00:10.000 --> 00:00:11.000\nsprite-001.jpg#xywh=0,90,160,90\n")
                .endsWith("00:00:12.000 --> 00:00:12.500\nsprite-001.jpg#xywh=320,90,160,90\n");
    }

    @Test
    void aTwoHourFilmGetsATileAMinuteOverTwoSheets() {
        Storyboard board = Storyboard.of(7200, 1920, 1080, 4);

        assertThat(board.intervalSeconds()).isEqualTo(60);
        assertThat(board.fromSegmentStarts()).as("every tile the first frame of a segment").isTrue();
        assertThat(board.tiles()).isEqualTo(120);
        assertThat(board.sheets()).isEqualTo(2);
        List<Storyboard.Cue> cues = board.cues();
        assertThat(cues.get(100)).isEqualTo(new Storyboard.Cue(6000, 6060, "sprite-002.jpg", 0, 0));
        assertThat(board.filter()).isEqualTo("fps=1/60:round=up,scale=160:90,tile=10x10");
    }

    @Test
    void pastAShortVideoATileIsDueOnAWholeNumberOfSegments() {
        assertThat(Storyboard.of(360, 1280, 720, 4).fromSegmentStarts()).isFalse();
        Storyboard twentyMinutes = Storyboard.of(1200, 1280, 720, 4);
        assertThat(twentyMinutes.intervalSeconds()).isEqualTo(12);
        assertThat(twentyMinutes.fromSegmentStarts()).isTrue();
        assertThat(twentyMinutes.tiles()).isEqualTo(100);
    }

    @Test
    void aTileTakesTheSegmentThatStartsAtItsTimeAFrameLateAtMost() {
        HlsPlaylist playlist = new HlsPlaylist("init.mp4", List.of("a", "b", "c", "d"),
                List.of(4.004, 4.004, 3.970, 2.0));

        assertThat(RenditionPackager.segmentStartingAt(playlist, 0)).isZero();
        assertThat(RenditionPackager.segmentStartingAt(playlist, 4)).isEqualTo(1);
        assertThat(RenditionPackager.segmentStartingAt(playlist, 8)).isEqualTo(2);
        assertThat(RenditionPackager.segmentStartingAt(playlist, 12)).isEqualTo(3);
    }

    @Test
    void aPortraitVideoGetsTallTiles() {
        assertThat(Storyboard.of(30, 1080, 1920, 4).tileHeight()).isEqualTo(284);
    }

    @Property
    void theCuesCoverTheWholeVideoWithoutGapsOrOverlapsAndStayInsideTheirSheet(
            @ForAll @DoubleRange(min = 0.5, max = 20_000) double duration,
            @ForAll @IntRange(min = 16, max = 4096) int width, @ForAll @IntRange(min = 16, max = 4096) int height,
            @ForAll @IntRange(min = 1, max = 10) int segment) {
        Storyboard board = Storyboard.of(duration, width, height, segment);
        List<Storyboard.Cue> cues = board.cues();

        assertThat(cues.get(0).start()).isZero();
        assertThat(cues.get(cues.size() - 1).end()).isEqualTo(duration);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).start()).isEqualTo(cues.get(i - 1).end());
        }
        assertThat(cues).allSatisfy(cue -> {
            assertThat(cue.end()).isGreaterThan(cue.start());
            assertThat(cue.x() + board.tileWidth()).isLessThanOrEqualTo(Storyboard.COLUMNS * board.tileWidth());
            assertThat(cue.y() + board.tileHeight()).isLessThanOrEqualTo(Storyboard.ROWS * board.tileHeight());
        });
        assertThat(cues.size()).isLessThanOrEqualTo(Storyboard.TARGET_TILES + 1);
        if (board.fromSegmentStarts()) {
            assertThat(board.intervalSeconds() % segment).as("tiles on segment starts").isZero();
        }
    }
}
