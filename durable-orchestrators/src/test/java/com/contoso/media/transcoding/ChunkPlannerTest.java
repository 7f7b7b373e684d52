package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChunkPlannerTest {

    @Test
    void aMinuteIsThreeChunksOfFiveSegmentsStartingOnFrames() {
        List<Chunk> chunks = ChunkPlanner.plan(60, 30, 4, 20);

        assertThat(chunks).extracting(Chunk::startSeconds).containsExactly(0.0, 20.0, 40.0);
        assertThat(chunks).extracting(Chunk::frames).containsExactly(600L, 600L, 600L);
        assertThat(chunks).extracting(Chunk::firstSegment).containsExactly(0, 5, 10);
        assertThat(chunks).extracting(Chunk::last).containsExactly(false, false, true);
    }

    @Test
    void theChunkLengthIsRoundedUpToWholeSegments() {
        assertThat(ChunkPlanner.plan(60, 25, 4, 10)).extracting(Chunk::startSeconds)
                .containsExactly(0.0, 12.0, 24.0, 36.0, 48.0);
    }

    @Test
    void aTailShorterThanASegmentJoinsTheChunkBeforeIt() {
        List<Chunk> chunks = ChunkPlanner.plan(42, 30, 4, 20);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).durationSeconds()).isEqualTo(22.0);
    }

    @Test
    void aTailOfExactlyOneSegmentIsAChunkOfItsOwn() {
        assertThat(ChunkPlanner.plan(16, 25, 4, 4)).extracting(Chunk::startSeconds)
                .containsExactly(0.0, 4.0, 8.0, 12.0);
    }

    @Test
    void aVideoNoLongerThanOneChunkIsEncodedInOnePass() {
        assertThat(ChunkPlanner.plan(20, 30, 4, 20)).singleElement()
                .satisfies(chunk -> assertThat(chunk.last()).isTrue());
    }

    @Test
    void ntscFrameRatesCutOnFrameTimes() {
        double ntsc = 30000.0 / 1001;
        Chunk second = ChunkPlanner.plan(60, ntsc, 4, 20).get(1);

        assertThat(second.startSeconds() * ntsc).isCloseTo(599.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Property(tries = 300)
    void chunksTileTheTimelineWithoutGapOrOverlap(@ForAll @DoubleRange(min = 0.5, max = 7200) double duration,
                                                  @ForAll @IntRange(min = 4, max = 120) int chunkSeconds,
                                                  @ForAll @IntRange(min = 1, max = 6) int segmentSeconds) {
        List<Chunk> chunks = ChunkPlanner.plan(duration, 25, segmentSeconds, chunkSeconds);

        assertThat(chunks.get(0).startSeconds()).isZero();
        for (int i = 1; i < chunks.size(); i++) {
            Chunk before = chunks.get(i - 1);
            assertThat(chunks.get(i).startSeconds()).isEqualTo(before.startSeconds() + before.durationSeconds());
            assertThat(chunks.get(i).startSeconds() % segmentSeconds).isZero();
            assertThat(chunks.get(i).firstSegment() * segmentSeconds).isEqualTo((int) chunks.get(i).startSeconds());
        }
        Chunk last = chunks.get(chunks.size() - 1);
        assertThat(last.last()).isTrue();
        assertThat(last.startSeconds() + last.durationSeconds()).isEqualTo(duration);
        assertThat(chunks.stream().mapToLong(Chunk::frames).sum()).isEqualTo(Math.round(duration * 25));
    }
}
