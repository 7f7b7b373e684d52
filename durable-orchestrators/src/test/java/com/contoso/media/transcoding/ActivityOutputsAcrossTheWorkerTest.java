package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.MediaInfo;
import com.google.gson.Gson;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An activity's return value reaches the orchestrator as JSON written by the Java worker with a plain
 * {@code new Gson()} and read back with durabletask's Jackson converter. Every output type, edge values included,
 * must survive that trip unchanged.
 */
class ActivityOutputsAcrossTheWorkerTest {

    private static final Gson WORKER = new Gson();
    private static final DataConverter ORCHESTRATOR = new JacksonDataConverter();
    private static final BlobRef BLOB = new BlobRef("media", "t1/u1/hls/720p/index.m3u8");

    @Test
    void everyActivityOutputSurvivesGsonThenJackson() {
        List<Object> outputs = List.of(SlotClaim.granted(), SlotClaim.waiting(17), SlotClaim.gone(),
                new ProbeOutcome(true, new MediaInfo(12.5, 1280, 720, 29.97, true, 90), null, null),
                new ProbeOutcome(false, null, "unreadable_media", "The file could not be read as video: EOF"),
                new ProbeOutcome(false, new MediaInfo(3, 0, 0, 0, true, 0), "no_video_stream", "no video"),
                new RenditionOutput("720p", BLOB, 1280, 720, 2_996_000, 2_800_000, "avc1.64001f,mp4a.40.2", 12.5, 4_000_000),
                new ThumbnailOutput(new BlobRef("media", "t1/u1/thumbnail.jpg"), 1280, 720, 51_234, 1.0),
                new MasterOutput(new BlobRef("media", "t1/u1/hls/master.m3u8"), 812),
                new ChunkOutput(3, List.of(new RungSegments("720p", 0, List.of(
                        new Segment("seg_00015.m4s", 4.0, 1_400_000), new Segment("seg_00016.m4s", 3.96, 1_390_000))))),
                new PlaylistsOutput(new MasterOutput(new BlobRef("media", "t1/u1/hls/master.m3u8"), 812),
                        List.of(new RenditionOutput("360p", BLOB, 640, 360, 1, 1, "avc1", 1.0, 5))));

        for (Object output : outputs) {
            assertThat(ORCHESTRATOR.deserialize(WORKER.toJson(output), output.getClass())).as(output.toString())
                    .isEqualTo(output);
        }
    }

    @Test
    void aWholeLadderSurvivesAsAnArray() {
        RenditionOutput[] ladder = {
            new RenditionOutput("720p", BLOB, 1280, 720, 1, 1, "avc1", 1.0, 10),
            new RenditionOutput("360p", BLOB, 640, 360, 1, 1, "avc1", 1.0, 5)};

        assertThat(ORCHESTRATOR.deserialize(WORKER.toJson(ladder), RenditionOutput[].class)).containsExactly(ladder);
    }

    @Test
    void oddProbeValuesAreMadeFiniteBeforeTheyTravel() {
        MediaInfo odd = new MediaInfo(Double.NaN, 640, 360, Double.POSITIVE_INFINITY, false, 0);
        ProbeOutcome outcome = new ProbeOutcome(true, odd, null, null);

        String json = WORKER.toJson(outcome);

        assertThat(ORCHESTRATOR.deserialize(json, ProbeOutcome.class).media())
                .isEqualTo(new MediaInfo(0, 640, 360, 0, false, 0));
    }
}
