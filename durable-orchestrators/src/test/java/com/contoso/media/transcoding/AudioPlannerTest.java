package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AudioPlannerTest {

    @Test
    void twentySecondChunksGetStretchesFromTheEightSecondGridPointAtOrAfterTheirStart() {
        List<AudioStretch> stretches = AudioPlanner.plan(ChunkPlanner.plan(60, 30, 4, 20), 60, 4);

        assertThat(stretches).containsExactly(new AudioStretch(0, 0, 24, 0, false),
                new AudioStretch(1, 24, 16, 6, false), new AudioStretch(2, 40, 0, 10, true));
    }

    @Test
    void aVideoInOneChunkHasOneStretchTheWholeFile() {
        assertThat(AudioPlanner.plan(ChunkPlanner.plan(9, 30, 4, 20), 9, 4))
                .containsExactly(new AudioStretch(0, 0, 0, 0, true));
    }

    @Test
    void chunksShorterThanTheGridShareTheirNeighboursStretch() {
        List<AudioStretch> stretches = AudioPlanner.plan(ChunkPlanner.plan(22, 25, 4, 4), 22, 4);

        assertThat(stretches).extracting(AudioStretch::chunk).containsExactly(0, 1, 3);
        assertThat(stretches).extracting(AudioStretch::startSeconds).containsExactly(0.0, 8.0, 16.0);
        assertThat(stretches.get(2).last()).isTrue();
    }

    @Test
    void aGridPointPastTheEndStartsNoStretchAndTheOneBeforeRunsToTheEnd() {
        // 5 s segments make a 40 s grid: a 38 s video is one stretch, however many chunks it has.
        assertThat(AudioPlanner.plan(ChunkPlanner.plan(38, 25, 5, 10), 38, 5))
                .containsExactly(new AudioStretch(0, 0, 0, 0, true));
    }

    @Test
    void theGridIsTheLeastWholeNumberOfSegmentsThatIsAlsoAWholeNumberOfFifteenFrames() {
        assertThat(AudioPlanner.gridSegments(4)).isEqualTo(2);
        assertThat(AudioPlanner.gridSegments(2)).isEqualTo(4);
        assertThat(AudioPlanner.gridSegments(6)).isEqualTo(4);
        assertThat(AudioPlanner.gridSegments(5)).isEqualTo(8);
        assertThat(AudioPlanner.gridSegments(8)).isEqualTo(1);
    }

    @Property
    void stretchesCoverTheSoundInOrderOnTheGridAndNeverEndBeforeTheirChunksPicture(
            @ForAll @DoubleRange(min = 1, max = 7200) double duration, @ForAll @IntRange(min = 1, max = 10) int segment,
            @ForAll @IntRange(min = 1, max = 120) int chunkSeconds) {
        List<Chunk> chunks = ChunkPlanner.plan(duration, 25, segment, chunkSeconds);

        List<AudioStretch> stretches = AudioPlanner.plan(chunks, duration, segment);

        assertThat(stretches.get(0).startSeconds()).isZero();
        assertThat(stretches.get(stretches.size() - 1).last()).isTrue();
        for (int i = 0; i < stretches.size(); i++) {
            AudioStretch stretch = stretches.get(i);
            long samples = Math.round(stretch.startSeconds() * AudioPlanner.SAMPLE_RATE);
            assertThat(samples % (AudioPlanner.GRID_FRAMES * 1024)).as("on the grid: %s", stretch).isZero();
            assertThat(stretch.firstSegment() * segment).isEqualTo((int) Math.round(stretch.startSeconds()));
            assertThat(stretch.startSeconds()).isLessThan(duration);
            if (!stretch.last()) {
                AudioStretch next = stretches.get(i + 1);
                assertThat(stretch.startSeconds() + stretch.durationSeconds()).as("no gap, no overlap")
                        .isEqualTo(next.startSeconds());
                Chunk chunk = chunks.get(stretch.chunk());
                assertThat(stretch.startSeconds() + stretch.durationSeconds()).as("the sound reaches its picture's end")
                        .isGreaterThanOrEqualTo(chunk.startSeconds() + chunk.durationSeconds() - 1e-6);
            }
        }
    }
}
