package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkBatch;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.contoso.media.transcoding.TranscodeJobs.Segment;
import com.contoso.media.transcoding.TranscodeJobs.SpriteOutput;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardOutput;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.MediaInfo;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.HistoryEvent;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestrationStatus;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorAction;
import com.microsoft.durabletask.implementation.protobuf.OrchestratorService.OrchestratorResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TranscodeVideo and its EncodeChunks sub-orchestration replayed by the Durable SDK from hand-built histories, as
 * the Functions worker replays them.
 */
class TranscodeVideoOrchestrationReplayTest {

    private static final DataConverter JSON = new JacksonDataConverter();
    /** Per-rung jobs, 20 s chunks, at most 6 encodes at once: a 60 s 720p video is 3 chunks × 3 rungs. */
    private static final TranscodeSettings SETTINGS = new TranscodeSettings(
            TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER), 4, Duration.ofMinutes(20),
            Duration.ofMinutes(120), Duration.ofSeconds(5), false, 20, 6, Duration.ofSeconds(30));
    private static final TranscodeRequest REQUEST =
            new TranscodeRequest("u1", "t1", new BlobRef("uploads", "t1/u1/v.mp4"), "corr-1");
    private static final ProbeOutcome HD = new ProbeOutcome(true, new MediaInfo(60, 1280, 720, 30, true, 0), null, null);
    private static final RenditionOutput AUDIO = new RenditionOutput("audio", new BlobRef("media", "a"), 0, 0, 130_000,
            128_000, "mp4a.40.2", 60, 1000);
    private static final List<String> RENDITIONS = List.of("720p", "480p", "360p", "audio");

    private final History history = new History(new TranscodeVideoOrchestration(SETTINGS), "u1");
    /** When the slot was granted: the transcoding deadline counts from then. */
    private Instant grantedAt;

    @Test
    void aQueuedVideoAsksForItsSlotAgainOnATimerThatBacksOffAndEncodesNothingMeanwhile() {
        OrchestratorResponse first = history.start(REQUEST);
        assertThat(tasks(first)).containsExactly(TranscodeVideoOrchestration.CLAIM_SLOT);

        OrchestratorResponse waiting = history.complete(scheduled(first, 0), SlotClaim.waiting(2));
        assertThat(tasks(waiting)).isEmpty();
        assertThat(timers(waiting)).singleElement().satisfies(timer -> assertThat(fireAt(timer))
                .isEqualTo(history.now.plus(TranscodeVideoOrchestration.FIRST_QUEUE_CHECK)));
        assertThat(waiting.getCustomStatus().getValue()).contains("\"stage\":\"queued\"");

        OrchestratorResponse again = history.fire(timers(waiting).get(0));
        assertThat(tasks(again)).containsExactly(TranscodeVideoOrchestration.CLAIM_SLOT);
        OrchestratorResponse stillWaiting = history.complete(scheduled(again, 0), SlotClaim.waiting(1));
        assertThat(fireAt(timers(stillWaiting).get(0))).as("doubled")
                .isEqualTo(history.now.plus(TranscodeVideoOrchestration.FIRST_QUEUE_CHECK.multipliedBy(2)));

        OrchestratorResponse third = history.fire(timers(stillWaiting).get(0));
        OrchestratorResponse probing = history.complete(scheduled(third, 0), SlotClaim.granted());
        assertThat(tasks(probing)).containsExactly(TranscodeVideoOrchestration.PROBE);
        assertThat(timers(probing)).as("the deadline counts from the grant, not from the queue")
                .anySatisfy(timer -> assertThat(fireAt(timer)).isEqualTo(history.now.plus(SETTINGS.stepTimeout())));
    }

    @Test
    void aQueuedVideoWokenByTheReleaseThatGaveItASlotClaimsItAtOnceWithoutWaitingForItsTimer() {
        OrchestratorResponse first = history.start(REQUEST);
        OrchestratorResponse waiting = history.complete(scheduled(first, 0), SlotClaim.waiting(1));
        assertThat(timers(waiting)).hasSize(1);

        OrchestratorResponse woken = history.raise(TranscodeVideoOrchestration.SLOT_GIVEN);

        assertThat(tasks(woken)).containsExactly(TranscodeVideoOrchestration.CLAIM_SLOT);
        OrchestratorResponse probing = history.complete(scheduled(woken, 0), SlotClaim.granted());
        assertThat(tasks(probing)).containsExactly(TranscodeVideoOrchestration.PROBE);
    }

    @Test
    void theWaitBetweenChecksForASlotStopsGrowingAtTheConfiguredLongest() {
        TranscodeSettings shortPoll = new TranscodeSettings(SETTINGS.ladder(), 4, SETTINGS.stepTimeout(),
                SETTINGS.deadline(), SETTINGS.firstRetry(), false, 20, 6, Duration.ofSeconds(5));
        History queued = new History(new TranscodeVideoOrchestration(shortPoll), "u1");
        OrchestratorResponse response = queued.start(REQUEST);
        List<Duration> waits = new ArrayList<>();
        for (int check = 0; check < 4; check++) {
            response = queued.complete(scheduled(response, 0), SlotClaim.waiting(1));
            OrchestratorAction timer = timers(response).get(0);
            waits.add(Duration.between(queued.now, fireAt(timer)));
            response = queued.fire(timer);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    @Test
    void anUploadGoneWhileItWaitedEndsTheOrchestrationWithoutEncodingOrWriting() {
        OrchestratorResponse gone = history.complete(scheduled(history.start(REQUEST), 0), SlotClaim.gone());

        assertThat(tasks(gone)).isEmpty();
        assertThat(completion(gone).getCompleteOrchestration().getResult().getValue()).isEqualTo("\"Abandoned\"");
    }

    @Test
    void theProbeIsScheduledFirstAndBoundedByATimer() {
        OrchestratorResponse first = granted();

        assertThat(tasks(first)).containsExactly(TranscodeVideoOrchestration.PROBE);
        assertThat(timers(first)).singleElement().satisfies(timer -> assertThat(fireAt(timer))
                .isEqualTo(history.now.plus(SETTINGS.stepTimeout())));
        assertThat(first.getCustomStatus().getValue()).contains("\"stage\":\"probing\"");
    }

    @Test
    void theLeadEncodesThePreviewsFirstChunkAndItsSoundAloneThenPublishesThePreview() {
        OrchestratorResponse lead = history.complete(scheduled(granted(), 0), HD);

        assertThat(tasks(lead)).containsExactly(EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK,
                EncodeChunksOrchestration.ENCODE_CHUNK);
        assertThat(subOrchestrations(lead)).as("no batch before the preview is out").isEmpty();
        assertThat(input(scheduled(lead, 0), TranscodeJobs.AudioChunkJob.class).stretch())
                .isEqualTo(new AudioStretch(0, 0, 24, 0, false));
        TranscodeJobs.ChunkJob video = input(scheduled(lead, 1), TranscodeJobs.ChunkJob.class);
        assertThat(video.chunk().index()).isZero();
        assertThat(video.rungs()).extracting(Rung::name).containsExactly("360p");

        assertThat(tasks(history.complete(scheduled(lead, 0), chunkOutput(0, "audio")))).isEmpty();
        OrchestratorResponse written = history.complete(scheduled(lead, 1), chunkOutput(0, "360p"));

        ProgressJob progress = input(scheduled(written, 0), ProgressJob.class);
        assertThat(progress.video()).isEqualTo(new TranscodeJobs.PreviewGrowth(0,
                chunkOutput(0, "360p").rungs().get(0).segments()));
        assertThat(progress.audio().segments()).hasSize(5);
        assertThat(progress.progress().previewReady()).isTrue();
        assertThat(progress.progress().chunksDone()).as("the first chunk has more rungs to come").isZero();
    }

    @Test
    void afterThePreviewTheThumbnailsStartAndOnlyAsManyBatchesAsTheParallelismAllows() {
        OrchestratorResponse fanOut = fanOut();

        assertThat(tasks(fanOut)).containsExactly(TranscodeVideoOrchestration.THUMBNAILS);
        // Up to 4 jobs per batch (a rung each, and the sound beside the chunk) and 6 at once: two batches of 3 at a
        // time run, the third waits.
        assertThat(subOrchestrations(fanOut)).extracting(a -> a.getCreateSubOrchestration().getInstanceId())
                .containsExactly("u1-chunks-0", "u1-chunks-1");
        ChunkBatch first = batch(subOrchestrations(fanOut).get(0));
        assertThat(first.jobs()).as("the first chunk's other rungs").extracting(job -> job.rungs().get(0).name())
                .containsExactly("720p", "480p");
        assertThat(first.jobs()).allSatisfy(job -> assertThat(job.chunk().index()).isZero());
        assertThat(first.audio()).isEmpty();
        assertThat(batch(subOrchestrations(fanOut).get(1)).audio()).singleElement().satisfies(job ->
                assertThat(job.stretch()).isEqualTo(new AudioStretch(1, 24, 16, 6, false)));
        assertThat(first.maxParallel()).isEqualTo(3);
        assertThat(first.deadlineEpochMillis()).isEqualTo(grantedAt.plus(SETTINGS.deadline()).toEpochMilli());
        assertThat(fanOut.getCustomStatus().getValue()).contains("\"chunksTotal\":3", "\"stage\":\"transcoding\"");
    }

    @Test
    void aFinishedBatchRecordsProgressThenTheNextBatchStarts() {
        OrchestratorResponse fanOut = fanOut();

        OrchestratorResponse afterBatch = history.complete(subOrchestrations(fanOut).get(0), batchOutput(0));

        assertThat(subOrchestrations(afterBatch)).isEmpty();
        ProgressJob progress = input(scheduled(afterBatch, 0), ProgressJob.class);
        assertThat(progress.progress().chunksDone()).isEqualTo(1);
        assertThat(progress.progress().percent()).isEqualTo(5 + 85 / 3);
        assertThat(progress.video()).as("nothing new for the preview").isEqualTo(
                new TranscodeJobs.PreviewGrowth(5, List.of()));
        assertThat(progress.progress().previewReady()).isTrue();
        OrchestratorResponse next = history.complete(scheduled(afterBatch, 0), null);
        assertThat(subOrchestrations(next)).extracting(a -> a.getCreateSubOrchestration().getInstanceId())
                .containsExactly("u1-chunks-2");
    }

    @Test
    void thePreviewGrowsChunkByChunkInTimelineOrderWithItsSound() {
        OrchestratorResponse fanOut = fanOut();
        OrchestratorResponse afterFirst = history.complete(subOrchestrations(fanOut).get(0), batchOutput(0));
        OrchestratorResponse third = history.complete(scheduled(afterFirst, 0), null);

        // Chunk 2 before chunk 1: the preview never skips a chunk, so it waits.
        OrchestratorResponse lastFirst = history.complete(subOrchestrations(third).get(0), batchOutput(2));
        assertThat(input(scheduled(lastFirst, 0), ProgressJob.class).video().segments()).isEmpty();
        history.complete(scheduled(lastFirst, 0), null);

        OrchestratorResponse middle = history.complete(subOrchestrations(fanOut).get(1), batchOutput(1));
        ProgressJob grown = input(scheduled(middle, 0), ProgressJob.class);
        assertThat(grown.previewRung().name()).isEqualTo("360p");
        assertThat(grown.video().from()).isEqualTo(5);
        assertThat(grown.video().segments()).extracting(Segment::file)
                .containsExactly(segmentNames(5, 15).toArray(String[]::new));
        assertThat(grown.audio().from()).isEqualTo(5);
        assertThat(grown.audio().segments()).hasSize(10);
    }

    @Test
    void theHappyPathWritesThePlaylistsFromEveryChunkAndSucceeds() {
        OrchestratorResponse fanOut = fanOut();
        OrchestratorResponse response = history.complete(scheduled(fanOut, 0), new ThumbnailOutput[] {
            new ThumbnailOutput(new BlobRef("media", "t1/u1/thumbnail.jpg"), 1280, 720, 1000, 1.0)});
        OrchestratorAction third = null;
        for (int batch = 0; batch < 3; batch++) {
            OrchestratorAction started = batch < 2 ? subOrchestrations(fanOut).get(batch) : third;
            response = history.complete(started, batchOutput(batch));
            response = history.complete(scheduled(response, 0), null);
            if (batch == 0) {
                third = subOrchestrations(response).get(0);
            }
        }

        assertThat(tasks(response)).containsExactly(TranscodeVideoOrchestration.PLAYLISTS);
        PlaylistsJob playlists = input(scheduled(response, 0), PlaylistsJob.class);
        assertThat(playlists.segments()).extracting(RungSegments::rung)
                .containsExactly(RENDITIONS.toArray(String[]::new));
        assertThat(playlists.segments()).allSatisfy(rendition -> assertThat(rendition.segments())
                .extracting(Segment::file).as(rendition.rung())
                .containsExactly(segmentNames(0, 15).toArray(String[]::new)));
        assertThat(playlists.previewStarted()).isTrue();
        OrchestratorResponse storyboard = history.complete(scheduled(response, 0), new PlaylistsOutput(
                new MasterOutput(new BlobRef("media", "m"), 10), List.of(AUDIO)));
        assertThat(tasks(storyboard)).as("the storyboard is drawn from the lowest rung's segments").containsExactly(
                TranscodeVideoOrchestration.STORYBOARD);
        assertThat(input(scheduled(storyboard, 0), StoryboardJob.class).rung()).isEqualTo("360p");
        StoryboardOutput sheets = new StoryboardOutput(new BlobRef("media", "s.vtt"), 100,
                List.of(new SpriteOutput(new BlobRef("media", "sprite-001.jpg"), 2000)));
        OrchestratorResponse finalize = history.complete(scheduled(storyboard, 0), sheets);
        FinalizeJob job = input(scheduled(finalize, 0), FinalizeJob.class);
        assertThat(job.renditions()).containsExactly(AUDIO);
        assertThat(job.thumbnails()).hasSize(1);
        assertThat(job.storyboard()).isEqualTo(sheets);
        assertThat(job.downloads()).as("no download asked for").isEmpty();

        OrchestratorResponse release = history.complete(scheduled(finalize, 0), null);
        assertThat(tasks(release)).as("the slot goes to the next video last").containsExactly(
                TranscodeVideoOrchestration.RELEASE_SLOT);
        OrchestratorResponse end = history.complete(scheduled(release, 0), null);

        assertThat(completion(end).getCompleteOrchestration().getResult().getValue()).isEqualTo("\"Succeeded\"");
        assertThat(end.getCustomStatus().getValue()).contains("\"percent\":100");
    }

    @Test
    void aFailedProgressWriteNeitherFailsTheTranscodeNorLosesPreviewSegments() {
        OrchestratorResponse lead = history.complete(scheduled(granted(), 0), HD);
        history.complete(scheduled(lead, 0), chunkOutput(0, "audio"));
        OrchestratorResponse response = history.complete(scheduled(lead, 1), chunkOutput(0, "360p"));
        for (int attempt = 1; attempt <= 3; attempt++) {
            response = history.fail(scheduled(response, 0), "table unavailable");
            if (attempt < 3) {
                response = history.fire(timers(response).get(0));
            }
        }
        assertThat(subOrchestrations(response)).as("the transcode carries on").hasSize(2);
        OrchestratorResponse next = history.complete(subOrchestrations(response).get(1), batchOutput(1));

        ProgressJob retried = input(scheduled(next, 0), ProgressJob.class);
        assertThat(retried.video().from()).isZero();
        assertThat(retried.video().segments()).hasSize(10);
        assertThat(retried.audio().segments()).hasSize(10);
    }

    @Test
    void aFailedBatchCleansUpAndEndsTheUploadFailed() {
        OrchestratorResponse fanOut = fanOut();

        OrchestratorResponse cleanup = history.fail(subOrchestrations(fanOut).get(0),
                "EncodeChunk: ffmpeg exited with 1: http://acct/media/a.mp4?sp=r&sig=S3cr3t");

        assertThat(tasks(cleanup)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse end = history.complete(scheduled(cleanup, 0), null);
        EndJob job = input(scheduled(end, 0), EndJob.class);
        assertThat(job.status()).isEqualTo("Failed");
        assertThat(job.code()).isEqualTo("transcode_failed");
        assertThat(job.message()).as("the tenant's sentence").startsWith("The video could not be transcoded")
                .doesNotContain("ffmpeg", "http");
        assertThat(job.detail()).as("for the logs, redacted").contains("ffmpeg exited with 1", "sig=REDACTED")
                .doesNotContain("S3cr3t");
    }

    @Test
    void theDeadlineFiringDuringTheChunksEndsTheUploadTimedOut() {
        OrchestratorResponse fanOut = fanOut();
        OrchestratorAction deadline = timers(fanOut).stream()
                .filter(timer -> fireAt(timer).equals(grantedAt.plus(SETTINGS.deadline())))
                .findFirst().orElseThrow();

        OrchestratorResponse cleanup = history.fire(deadline);

        assertThat(tasks(cleanup)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse end = history.complete(scheduled(cleanup, 0), null);
        assertThat(input(scheduled(end, 0), EndJob.class).code()).isEqualTo("transcode_timeout");
    }

    @Test
    void aFailedProbeIsRetriedAfterItsBackoffAndExhaustedRetriesEndFailed() {
        OrchestratorAction attempt = scheduled(granted(), 0);
        OrchestratorResponse response = history.fail(attempt, "boom 1");
        assertThat(fireAt(timers(response).get(0))).isEqualTo(history.now.plus(SETTINGS.firstRetry()));
        response = history.fire(timers(response).get(0));
        response = history.fail(scheduled(response, 0), "boom 2");
        assertThat(fireAt(timers(response).get(0))).isEqualTo(history.now.plus(SETTINGS.firstRetry().multipliedBy(2)));
        response = history.fire(timers(response).get(0));

        OrchestratorResponse cleanup = history.fail(scheduled(response, 0), "boom 3");

        assertThat(tasks(cleanup)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse end = history.complete(scheduled(cleanup, 0), null);
        assertThat(input(scheduled(end, 0), EndJob.class).detail()).contains("boom 3");
        OrchestratorResponse release = history.complete(scheduled(end, 0), null);
        assertThat(tasks(release)).containsExactly(TranscodeVideoOrchestration.RELEASE_SLOT);
        OrchestratorResponse done = history.complete(scheduled(release, 0), null);
        assertThat(completion(done).getCompleteOrchestration().getResult().getValue()).isEqualTo("\"Failed\"");
    }

    @Test
    void anUnusableSourceIsRemovedFromTheLibraryAndEndsRejectedWithoutEncoding() {
        ProbeOutcome audioOnly = new ProbeOutcome(false, null, "no_video_stream", "The file has no video stream.");

        OrchestratorResponse cleanup = history.complete(scheduled(granted(), 0), audioOnly);
        assertThat(tasks(cleanup)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse response = history.complete(scheduled(cleanup, 0), null);

        EndJob job = input(scheduled(response, 0), EndJob.class);
        assertThat(job.status()).isEqualTo("Rejected");
        assertThat(job.code()).isEqualTo("no_video_stream");
    }

    @Test
    void aBatchRunsItsChunksAtMostSoManyAtOnceAndRetriesOnlyTheOneThatFailed() {
        History batch = new History(new EncodeChunksOrchestration(SETTINGS), "u1-chunks-0");
        TranscodePlan plan = TranscodePlan.of(REQUEST, HD.media(), new TranscodeSettings(SETTINGS.ladder(), 4,
                SETTINGS.stepTimeout(), SETTINGS.deadline(), SETTINGS.firstRetry(), false, 20, 2, SETTINGS.queuePoll()));
        ChunkBatch input = new ChunkBatch(REQUEST, 0, plan.batches().get(1).video(), List.of(), 2,
                batch.now.plus(Duration.ofHours(1)).toEpochMilli());

        OrchestratorResponse started = batch.start(input);
        assertThat(tasks(started)).containsExactly(EncodeChunksOrchestration.ENCODE_CHUNK,
                EncodeChunksOrchestration.ENCODE_CHUNK);
        OrchestratorAction rung720 = scheduled(started, 0);
        OrchestratorAction rung480 = scheduled(started, 1);

        OrchestratorResponse afterFailure = batch.fail(rung480, "instance recycled");
        assertThat(tasks(afterFailure)).as("the failed chunk keeps its place while it waits for its backoff").isEmpty();
        OrchestratorResponse retried = batch.fire(timers(afterFailure).get(0));
        assertThat(tasks(retried)).singleElement().isEqualTo(EncodeChunksOrchestration.ENCODE_CHUNK);
        assertThat(input(scheduled(retried, 0), TranscodeJobs.ChunkJob.class).rungs().get(0).name())
                .isEqualTo("480p");

        OrchestratorResponse freed = batch.complete(rung720, chunkOutput(1, "720p"));
        assertThat(input(scheduled(freed, 0), TranscodeJobs.ChunkJob.class).rungs().get(0).name()).isEqualTo("360p");
        batch.complete(scheduled(freed, 0), chunkOutput(1, "360p"));
        OrchestratorResponse done = batch.complete(scheduled(retried, 0), chunkOutput(1, "480p"));

        BatchOutput output = JSON.deserialize(completion(done).getCompleteOrchestration().getResult().getValue(),
                BatchOutput.class);
        assertThat(output.chunks()).singleElement().satisfies(chunk ->
                assertThat(chunk.rungs()).extracting(RungSegments::rung).containsExactly("720p", "480p", "360p"));
        assertThat(batch.scheduledTasks()).as("720p and 360p encoded once, 480p twice").isEqualTo(4);
    }

    @Test
    void aBatchEncodesItsSoundFirstAndGathersItWithItsChunk() {
        History batch = new History(new EncodeChunksOrchestration(SETTINGS), "u1-chunks-0");
        TranscodePlan.Batch planned = TranscodePlan.of(REQUEST, HD.media(), SETTINGS).batches().get(1);

        OrchestratorResponse started = batch.start(new ChunkBatch(REQUEST, 0, planned.video(), planned.audio(), 4,
                batch.now.plus(Duration.ofHours(1)).toEpochMilli()));
        assertThat(tasks(started)).containsExactly(EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK,
                EncodeChunksOrchestration.ENCODE_CHUNK, EncodeChunksOrchestration.ENCODE_CHUNK,
                EncodeChunksOrchestration.ENCODE_CHUNK);
        OrchestratorResponse done = null;
        for (int task = 0; task < 4; task++) {
            done = batch.complete(scheduled(started, task), chunkOutput(1, task == 0 ? "audio" : RENDITIONS.get(task - 1)));
        }

        BatchOutput output = JSON.deserialize(completion(done).getCompleteOrchestration().getResult().getValue(),
                BatchOutput.class);
        assertThat(output.chunks()).singleElement().satisfies(chunk -> assertThat(chunk.rungs())
                .extracting(RungSegments::rung).containsExactly("audio", "720p", "480p", "360p"));
    }

    @Test
    void aBatchStartedAfterTheDeadlineFailsAtOnce() {
        History batch = new History(new EncodeChunksOrchestration(SETTINGS), "u1-chunks-0");
        TranscodePlan plan = TranscodePlan.of(REQUEST, HD.media(), SETTINGS);

        OrchestratorResponse started = batch.start(new ChunkBatch(REQUEST, 0, plan.batches().get(0).video(),
                plan.batches().get(0).audio(), 2, batch.now.minusSeconds(1).toEpochMilli()));

        OrchestratorAction failed = started.getActionsList().stream()
                .filter(OrchestratorAction::hasCompleteOrchestration).findFirst().orElseThrow();
        assertThat(failed.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_FAILED);
        assertThat(failed.getCompleteOrchestration().getFailureDetails().getErrorType())
                .isEqualTo(RetryingCalls.TimedOut.class.getName());
    }

    @Test
    void replayingTheSameHistoryGivesIdenticalActions() {
        fanOut();
        List<HistoryEvent> past = List.copyOf(history.past);
        List<HistoryEvent> next = List.of(DurableHistory.orchestratorStarted(history.now.plusSeconds(30)));

        OrchestratorResponse once = DurableHistory.replay(history.orchestration, "u1", past, next);
        OrchestratorResponse twice = DurableHistory.replay(history.orchestration, "u1", past, next);

        assertThat(twice.getActionsList()).isEqualTo(once.getActionsList());
        assertThat(twice.getCustomStatus()).isEqualTo(once.getCustomStatus());
    }

    /** What a batch of one 20 s chunk returns: 5 segments of 4 s for each rung, with the init on chunk 0. */
    /** The orchestration started, its slot claimed and granted: the probe is next. */
    private OrchestratorResponse granted() {
        OrchestratorResponse response = history.complete(scheduled(history.start(REQUEST), 0), SlotClaim.granted());
        grantedAt = history.now;
        return response;
    }

    /** Probed, the lead encoded and its preview written: the thumbnails and the first batches start. */
    private OrchestratorResponse fanOut() {
        OrchestratorResponse lead = history.complete(scheduled(granted(), 0), HD);
        history.complete(scheduled(lead, 0), chunkOutput(0, "audio"));
        OrchestratorResponse written = history.complete(scheduled(lead, 1), chunkOutput(0, "360p"));
        return history.complete(scheduled(written, 0), null);
    }

    /** What a batch returns: the first chunk's rungs but the lead's, or every rendition of a later chunk. */
    private static BatchOutput batchOutput(int chunk) {
        List<RungSegments> rungs = new ArrayList<>();
        for (String rung : chunk == 0 ? List.of("720p", "480p") : RENDITIONS) {
            rungs.add(chunkOutput(chunk, rung).rungs().get(0));
        }
        return new BatchOutput(List.of(new ChunkOutput(chunk, rungs)));
    }

    private static ChunkOutput chunkOutput(int chunk, String rung) {
        List<Segment> segments = segmentNames(chunk * 5, chunk * 5 + 5).stream()
                .map(name -> new Segment(name, 4.0, 1000)).toList();
        return new ChunkOutput(chunk, List.of(new RungSegments(rung, chunk == 0 ? 800 : 0, segments)));
    }

    private static List<String> segmentNames(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            names.add(String.format("seg_%05d.m4s", i));
        }
        return names;
    }

    private static <T> T input(OrchestratorAction task, Class<T> type) {
        return JSON.deserialize(task.getScheduleTask().getInput().getValue(), type);
    }

    private static ChunkBatch batch(OrchestratorAction subOrchestration) {
        return JSON.deserialize(subOrchestration.getCreateSubOrchestration().getInput().getValue(), ChunkBatch.class);
    }

    private static List<String> tasks(OrchestratorResponse response) {
        return response.getActionsList().stream().filter(OrchestratorAction::hasScheduleTask)
                .map(action -> action.getScheduleTask().getName()).toList();
    }

    private static List<OrchestratorAction> subOrchestrations(OrchestratorResponse response) {
        return response.getActionsList().stream().filter(OrchestratorAction::hasCreateSubOrchestration).toList();
    }

    private static List<OrchestratorAction> timers(OrchestratorResponse response) {
        return response.getActionsList().stream().filter(OrchestratorAction::hasCreateTimer).toList();
    }

    private static OrchestratorAction scheduled(OrchestratorResponse response, int index) {
        return response.getActionsList().stream().filter(OrchestratorAction::hasScheduleTask).toList().get(index);
    }

    private static OrchestratorAction completion(OrchestratorResponse response) {
        OrchestratorAction complete = response.getActionsList().stream()
                .filter(OrchestratorAction::hasCompleteOrchestration).findFirst().orElseThrow();
        assertThat(complete.getCompleteOrchestration().getOrchestrationStatus())
                .isEqualTo(OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
        return complete;
    }

    private static Instant fireAt(OrchestratorAction timer) {
        return DataConverter.getInstantFromTimestamp(timer.getCreateTimer().getFireAt());
    }

    /** A minimal Durable backend for one instance: it records actions as history and feeds back completions. */
    private static final class History {
        final com.microsoft.durabletask.TaskOrchestration orchestration;
        final String instanceId;
        final List<HistoryEvent> past = new ArrayList<>();
        Instant now = Instant.parse("2026-04-01T08:00:00Z");

        History(com.microsoft.durabletask.TaskOrchestration orchestration, String instanceId) {
            this.orchestration = orchestration;
            this.instanceId = instanceId;
        }

        OrchestratorResponse start(Object input) {
            return episode(DurableHistory.executionStarted("any", instanceId, JSON.serialize(input), now));
        }

        OrchestratorResponse complete(OrchestratorAction action, Object result) {
            now = now.plusSeconds(1);
            String json = result == null ? null : JSON.serialize(result);
            return episode(action.hasCreateSubOrchestration()
                    ? DurableHistory.subOrchestrationCompleted(action.getId(), json, now)
                    : DurableHistory.taskCompleted(action.getId(), json, now));
        }

        OrchestratorResponse fail(OrchestratorAction action, String message) {
            now = now.plusSeconds(1);
            return episode(action.hasCreateSubOrchestration()
                    ? DurableHistory.subOrchestrationFailed(action.getId(), "java.lang.IllegalStateException", message, now)
                    : DurableHistory.taskFailed(action.getId(), "java.lang.IllegalStateException", message, now));
        }

        OrchestratorResponse raise(String name) {
            now = now.plusSeconds(1);
            return episode(DurableHistory.eventRaised(name, now));
        }

        OrchestratorResponse fire(OrchestratorAction timer) {
            now = fireAt(timer);
            return episode(DurableHistory.timerFired(timer.getId(), timer.getCreateTimer().getFireAt(), now));
        }

        long scheduledTasks() {
            return past.stream().filter(HistoryEvent::hasTaskScheduled).count();
        }

        private OrchestratorResponse episode(HistoryEvent event) {
            List<HistoryEvent> events = List.of(DurableHistory.orchestratorStarted(now), event);
            OrchestratorResponse response = DurableHistory.replay(orchestration, instanceId, past, events);
            past.addAll(events);
            for (OrchestratorAction action : response.getActionsList()) {
                if (action.hasScheduleTask()) {
                    past.add(DurableHistory.taskScheduled(action.getId(), action.getScheduleTask().getName(),
                            action.getScheduleTask().getInput().getValue(), now));
                } else if (action.hasCreateTimer()) {
                    past.add(DurableHistory.timerCreated(action.getId(), action.getCreateTimer().getFireAt(), now));
                } else if (action.hasCreateSubOrchestration()) {
                    var create = action.getCreateSubOrchestration();
                    past.add(DurableHistory.subOrchestrationCreated(action.getId(), create.getName(),
                            create.getInstanceId(), create.getInput().getValue(), now));
                }
            }
            return response;
        }
    }
}
