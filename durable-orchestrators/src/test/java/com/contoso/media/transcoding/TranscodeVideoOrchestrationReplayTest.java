package com.contoso.media.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.storage.BlobRef;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
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

/** The orchestrator replayed by the Durable SDK from hand-built histories, as the Functions worker replays it. */
class TranscodeVideoOrchestrationReplayTest {

    private static final DataConverter JSON = new JacksonDataConverter();
    private static final TranscodeSettings SETTINGS = new TranscodeSettings(
            TranscodeSettings.parseLadder(TranscodeSettings.DEFAULT_LADDER), 4, Duration.ofMinutes(20),
            Duration.ofMinutes(120), Duration.ofSeconds(5), false);
    private static final TranscodeRequest REQUEST =
            new TranscodeRequest("u1", "t1", new BlobRef("uploads", "t1/u1/v.mp4"), "corr-1");
    private static final ProbeOutcome HD = new ProbeOutcome(true, new MediaInfo(10, 1280, 720, 30, true, 0), null, null);

    private final History history = new History(new TranscodeVideoOrchestration(SETTINGS));

    @Test
    void theProbeIsScheduledFirstAndBoundedByATimer() {
        OrchestratorResponse first = history.start(REQUEST);

        assertThat(tasks(first)).containsExactly(TranscodeVideoOrchestration.PROBE);
        assertThat(timers(first)).singleElement().satisfies(timer -> assertThat(fireAt(timer))
                .isEqualTo(history.now.plus(SETTINGS.stepTimeout())));
        assertThat(first.getCustomStatus().getValue()).contains("\"stage\":\"probing\"");
    }

    @Test
    void fanOutSchedulesOneEncodePerRungPlusTheThumbnail() {
        OrchestratorResponse afterProbe = history.complete(scheduled(history.start(REQUEST), 0), HD);

        assertThat(tasks(afterProbe)).containsExactly("EncodeRendition", "EncodeRendition", "EncodeRendition",
                "CreateThumbnail");
        List<Integer> heights = new ArrayList<>();
        for (OrchestratorAction action : afterProbe.getActionsList()) {
            if (action.hasScheduleTask() && action.getScheduleTask().getName().equals("EncodeRendition")) {
                heights.add(JSON.deserialize(action.getScheduleTask().getInput().getValue(), RenditionJob.class).rung().height());
            }
        }
        assertThat(heights).containsExactly(720, 480, 360);
        assertThat(afterProbe.getCustomStatus().getValue()).contains("\"renditionsTotal\":3");
    }

    @Test
    void inOneDecodeModeTheWholeLadderIsOneActivity() {
        TranscodeSettings oneDecode = new TranscodeSettings(SETTINGS.ladder(), 4, SETTINGS.stepTimeout(),
                SETTINGS.deadline(), SETTINGS.firstRetry(), true);
        History single = new History(new TranscodeVideoOrchestration(oneDecode));

        OrchestratorResponse fanOut = single.complete(scheduled(single.start(REQUEST), 0), HD);

        assertThat(tasks(fanOut)).containsExactly(TranscodeVideoOrchestration.ENCODE_LADDER, "CreateThumbnail");
        RenditionOutput[] ladder = {
            new RenditionOutput("720p", new BlobRef("media", "a"), 1280, 720, 1, 1, "avc1", 10, 5),
            new RenditionOutput("480p", new BlobRef("media", "b"), 854, 480, 1, 1, "avc1", 10, 5),
            new RenditionOutput("360p", new BlobRef("media", "c"), 640, 360, 1, 1, "avc1", 10, 5)};
        OrchestratorResponse afterLadder = single.complete(scheduled(fanOut, 0), ladder);
        assertThat(afterLadder.getCustomStatus().getValue()).contains("\"renditionsDone\":3");
        OrchestratorResponse packaging = single.complete(scheduled(fanOut, 1),
                new ThumbnailOutput(new BlobRef("media", "t"), 1280, 720, 1));
        TranscodeJobs.MasterPlaylistJob master = JSON.deserialize(
                scheduled(packaging, 0).getScheduleTask().getInput().getValue(), TranscodeJobs.MasterPlaylistJob.class);
        assertThat(master.renditions()).extracting(RenditionOutput::name).containsExactly("720p", "480p", "360p");
    }

    @Test
    void theHappyPathFinishesSucceededWithProgressAlongTheWay() {
        OrchestratorResponse fanOut = history.complete(scheduled(history.start(REQUEST), 0), HD);
        OrchestratorResponse last = null;
        int done = 0;
        for (OrchestratorAction action : fanOut.getActionsList()) {
            if (!action.hasScheduleTask()) {
                continue;
            }
            Object result = action.getScheduleTask().getName().equals("CreateThumbnail")
                    ? new ThumbnailOutput(new BlobRef("media", "t1/u1/thumbnail.jpg"), 1280, 720, 1000)
                    : new RenditionOutput("r" + done, new BlobRef("media", "p" + done), 2, 2, 1, 1, "avc1", 10, 5);
            last = history.complete(action, result);
            done++;
        }
        assertThat(last.getCustomStatus().getValue()).contains("\"stage\":\"packaging\"");
        OrchestratorResponse finalize = history.complete(scheduled(last, 0), new MasterOutput(new BlobRef("media", "m"), 10));
        assertThat(tasks(finalize)).containsExactly(TranscodeVideoOrchestration.FINALIZE);

        OrchestratorResponse end = history.complete(scheduled(finalize, 0), null);

        assertThat(completion(end).getCompleteOrchestration().getResult().getValue()).isEqualTo("\"Succeeded\"");
        assertThat(end.getCustomStatus().getValue()).contains("\"percent\":100");
    }

    @Test
    void aFailedTaskIsRetriedAfterItsBackoff() {
        OrchestratorAction probe = scheduled(history.start(REQUEST), 0);

        OrchestratorResponse afterFailure = history.fail(probe, "storage timeout");

        assertThat(tasks(afterFailure)).isEmpty();
        OrchestratorAction backoff = timers(afterFailure).get(0);
        assertThat(fireAt(backoff)).isEqualTo(history.now.plus(SETTINGS.firstRetry()));
        assertThat(tasks(history.fire(backoff))).containsExactly(TranscodeVideoOrchestration.PROBE);
    }

    @Test
    void aFailedRenditionInTheFanOutIsRetriedAfterItsBackoff() {
        OrchestratorResponse fanOut = history.complete(scheduled(history.start(REQUEST), 0), HD);
        OrchestratorAction encode720 = scheduled(fanOut, 0);

        OrchestratorResponse afterFailure = history.fail(encode720, "ffmpeg crashed");
        OrchestratorResponse retried = history.fire(timers(afterFailure).get(0));

        assertThat(tasks(retried)).containsExactly(TranscodeVideoOrchestration.ENCODE);
        assertThat(JSON.deserialize(scheduled(retried, 0).getScheduleTask().getInput().getValue(), RenditionJob.class)
                .rung().height()).isEqualTo(720);
    }

    @Test
    void exhaustedRetriesCleanUpAndEndTheUploadFailed() {
        OrchestratorAction attempt = scheduled(history.start(REQUEST), 0);
        OrchestratorResponse response = history.fail(attempt, "boom 1");
        response = history.fire(timers(response).get(0));
        response = history.fail(scheduled(response, 0), "boom 2");
        OrchestratorAction secondBackoff = timers(response).get(0);
        assertThat(fireAt(secondBackoff)).isEqualTo(history.now.plus(SETTINGS.firstRetry().multipliedBy(2)));
        response = history.fire(secondBackoff);

        OrchestratorResponse cleanup = history.fail(scheduled(response, 0), "boom 3");

        assertThat(tasks(cleanup)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse end = history.complete(scheduled(cleanup, 0), null);
        EndJob job = JSON.deserialize(scheduled(end, 0).getScheduleTask().getInput().getValue(), EndJob.class);
        assertThat(job.status()).isEqualTo("Failed");
        assertThat(job.code()).isEqualTo("transcode_failed");
        assertThat(job.message()).contains("boom 3");
        OrchestratorResponse done = history.complete(scheduled(end, 0), null);
        assertThat(completion(done).getCompleteOrchestration().getResult().getValue()).isEqualTo("\"Failed\"");
    }

    @Test
    void aStepTimerFiringFirstFailsTheStep() {
        OrchestratorResponse first = history.start(REQUEST);

        OrchestratorResponse timedOut = history.fire(timers(first).get(0));

        assertThat(tasks(timedOut)).containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse end = history.complete(scheduled(timedOut, 0), null);
        EndJob job = JSON.deserialize(scheduled(end, 0).getScheduleTask().getInput().getValue(), EndJob.class);
        assertThat(job.code()).isEqualTo("transcode_timeout");
        assertThat(job.message()).contains("ProbeSource");
    }

    @Test
    void anUnusableSourceIsRemovedFromTheLibraryAndEndsRejectedWithoutEncoding() {
        ProbeOutcome audioOnly = new ProbeOutcome(false, null, "no_video_stream", "The file has no video stream.");

        OrchestratorResponse cleanup = history.complete(scheduled(history.start(REQUEST), 0), audioOnly);
        assertThat(tasks(cleanup)).as("the promoted original is not kept").containsExactly(TranscodeVideoOrchestration.CLEANUP);
        OrchestratorResponse response = history.complete(scheduled(cleanup, 0), null);

        assertThat(tasks(response)).containsExactly(TranscodeVideoOrchestration.END);
        EndJob job = JSON.deserialize(scheduled(response, 0).getScheduleTask().getInput().getValue(), EndJob.class);
        assertThat(job.status()).isEqualTo("Rejected");
        assertThat(job.code()).isEqualTo("no_video_stream");
    }

    @Test
    void replayingTheSameHistoryGivesIdenticalActions() {
        history.complete(scheduled(history.start(REQUEST), 0), HD);
        List<HistoryEvent> past = List.copyOf(history.past);
        List<HistoryEvent> next = List.of(DurableHistory.orchestratorStarted(history.now.plusSeconds(30)));

        OrchestratorResponse once = DurableHistory.replay(history.orchestration, "u1", past, next);
        OrchestratorResponse twice = DurableHistory.replay(history.orchestration, "u1", past, next);

        assertThat(twice.getActionsList()).isEqualTo(once.getActionsList());
        assertThat(twice.getCustomStatus()).isEqualTo(once.getCustomStatus());
    }

    private static List<String> tasks(OrchestratorResponse response) {
        return response.getActionsList().stream().filter(OrchestratorAction::hasScheduleTask)
                .map(action -> action.getScheduleTask().getName()).toList();
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
        final List<HistoryEvent> past = new ArrayList<>();
        Instant now = Instant.parse("2026-04-01T08:00:00Z");

        History(com.microsoft.durabletask.TaskOrchestration orchestration) {
            this.orchestration = orchestration;
        }

        OrchestratorResponse start(TranscodeRequest request) {
            return episode(DurableHistory.executionStarted("TranscodeVideo", "u1", JSON.serialize(request), now));
        }

        OrchestratorResponse complete(OrchestratorAction task, Object result) {
            now = now.plusSeconds(1);
            return episode(DurableHistory.taskCompleted(task.getId(), result == null ? null : JSON.serialize(result), now));
        }

        OrchestratorResponse fail(OrchestratorAction task, String message) {
            now = now.plusSeconds(1);
            return episode(DurableHistory.taskFailed(task.getId(), "java.lang.IllegalStateException", message, now));
        }

        OrchestratorResponse fire(OrchestratorAction timer) {
            now = fireAt(timer);
            return episode(DurableHistory.timerFired(timer.getId(), timer.getCreateTimer().getFireAt(), now));
        }

        private OrchestratorResponse episode(HistoryEvent event) {
            List<HistoryEvent> events = List.of(DurableHistory.orchestratorStarted(now), event);
            OrchestratorResponse response = DurableHistory.replay(orchestration, "u1", past, events);
            past.addAll(events);
            for (OrchestratorAction action : response.getActionsList()) {
                if (action.hasScheduleTask()) {
                    past.add(DurableHistory.taskScheduled(action.getId(), action.getScheduleTask().getName(),
                            action.getScheduleTask().getInput().getValue(), now));
                } else if (action.hasCreateTimer()) {
                    past.add(DurableHistory.timerCreated(action.getId(), action.getCreateTimer().getFireAt(), now));
                }
            }
            return response;
        }
    }
}
