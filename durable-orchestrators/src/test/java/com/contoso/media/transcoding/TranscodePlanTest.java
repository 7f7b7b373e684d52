package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.transcoding.TranscodeJobs.ChunkBatch;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeOptions.RungChoice;
import com.contoso.media.transcoding.TranscodeOptions.ThumbnailChoice;
import com.contoso.media.uploads.MediaInfo;
import com.microsoft.durabletask.JacksonDataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TranscodePlanTest {

    private static final TranscodeSettings SETTINGS = new TranscodeSettings(
            TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER), 4, Duration.ofMinutes(20),
            Duration.ofMinutes(120), Duration.ofSeconds(5), false, 20, 50, Duration.ofSeconds(30));
    private static final BlobRef SOURCE = new BlobRef("media", "t1/u1/original/v.mp4");
    private static final MediaInfo HD_MINUTE = new MediaInfo(60, 1280, 720, 30, true, 0);

    @Test
    void theDefaultsAreTheSettingsLadderOneStillAndTwentySecondChunks() {
        TranscodePlan plan = TranscodePlan.of(new TranscodeRequest("u1", "t1", SOURCE, "c"), HD_MINUTE, SETTINGS);

        assertThat(plan.rungs()).extracting(Rung::name).containsExactly("720p", "480p", "360p");
        assertThat(plan.chunks()).hasSize(3);
        assertThat(plan.lead().video()).as("the preview's first chunk goes first").singleElement()
                .satisfies(job -> {
                    assertThat(job.chunk().index()).isZero();
                    assertThat(job.rungs()).containsExactly(plan.previewRung());
                });
        assertThat(plan.lead().audio()).singleElement().satisfies(job ->
                assertThat(job.stretch().startSeconds()).isZero());
        assertThat(plan.batches()).hasSize(3).extracting(TranscodePlan.Batch::size).containsExactly(2, 4, 4);
        assertThat(plan.batches().subList(1, 3)).extracting(batch -> batch.audio().get(0).stretch().startSeconds())
                .as("the audio beside each chunk, from the seam grid point at or after its start")
                .containsExactly(24.0, 40.0);
        assertThat(plan.batchWindow()).isEqualTo(12);
        assertThat(plan.jobWindow()).isEqualTo(4);
        assertThat(plan.thumbnailTimes()).containsExactly(1.0);
        assertThat(plan.previewRung().name()).isEqualTo("360p");
    }

    @Test
    void theClientsOptionsChooseTheLadderStillsAndChunksButNeverUpscale() {
        TranscodeOptions options = new TranscodeOptions(List.of(new RungChoice(1080, 4000), new RungChoice(540, 1500)),
                new ThumbnailChoice(4, null), 10);

        TranscodePlan plan = TranscodePlan.of(new TranscodeRequest("u1", "t1", SOURCE, "c", options), HD_MINUTE,
                SETTINGS);

        assertThat(plan.rungs()).extracting(Rung::height).containsExactly(540);
        assertThat(plan.rungs().get(0).videoKbps()).isEqualTo(1500);
        assertThat(plan.chunks()).hasSize(5);
        assertThat(plan.thumbnailTimes()).containsExactly(7.5, 22.5, 37.5, 52.5);
    }

    @Test
    void asManyEncodesRunAtOnceAsTheLimitAllowsNeverMore() {
        assertThat(TranscodePlan.windows(4, 50)).containsExactly(12, 4);
        assertThat(TranscodePlan.windows(30, 50)).containsExactly(2, 25);
        assertThat(TranscodePlan.windows(60, 50)).containsExactly(1, 50);
        assertThat(TranscodePlan.windows(5, 2)).containsExactly(1, 2);
        assertThat(TranscodePlan.windows(1, 1)).containsExactly(1, 1);
    }

    @Test
    void stillsEveryIntervalStopAtTheEndAndAtTwenty() {
        assertThat(TranscodePlan.thumbnailTimes(25, new ThumbnailChoice(null, 10.0))).containsExactly(0.0, 10.0, 20.0);
        assertThat(TranscodePlan.thumbnailTimes(3600, new ThumbnailChoice(null, 1.0))).hasSize(20);
    }

    @Test
    void aTwoHourVideoStaysWithinSixtyFourBatchesAndItsLargestPayloadFarBelowFourMegabytes() {
        MediaInfo twoHours = new MediaInfo(7200, 1920, 1080, 30, true, 0);
        TranscodeRequest request = new TranscodeRequest("3f2b1c9e-5a7d-4e21-9c3b-0d8f6a1e2b47", "tenant-with-a-long-name",
                SOURCE, "corr-3f2b1c9e-5a7d-4e21");

        TranscodePlan plan = TranscodePlan.of(request, twoHours, SETTINGS);

        assertThat(plan.chunks()).hasSize(360);
        assertThat(plan.batches()).hasSize(60);
        assertThat(plan.batches().get(0).size()).as("less the lead").isEqualTo(6 * 4 + 6 - 2);
        assertThat(plan.batches().subList(1, 60)).allSatisfy(batch -> assertThat(batch.size()).isEqualTo(6 * 4 + 6));
        assertThat(plan.jobWindow()).isEqualTo(25);
        assertThat(plan.batchWindow()).isEqualTo(2);
        JacksonDataConverter json = new JacksonDataConverter();
        int batchBytes = json.serialize(new ChunkBatch(request, 0, plan.batches().get(0).video(),
                plan.batches().get(0).audio(), 25, 0)).length();
        List<RungSegments> segments = new ArrayList<>();
        for (Rung rung : plan.rungs()) {
            List<Segment> all = new ArrayList<>();
            for (int i = 0; i < 1800; i++) {
                all.add(new Segment(String.format("seg_%05d.m4s", i), 4.0, 2_500_000));
            }
            segments.add(new RungSegments(rung.name(), 900, all));
        }
        int playlistsBytes = json.serialize(new PlaylistsJob(request, plan.rungs(), segments, 4, true)).length();
        assertThat(batchBytes).isLessThan(32 * 1024);
        assertThat(playlistsBytes).as("the largest payload: every segment of every rung").isLessThan(1024 * 1024);
        assertThat(plan.chunks().get(359).startSeconds()).isCloseTo(7180, Offset.offset(1e-9));
    }
}
