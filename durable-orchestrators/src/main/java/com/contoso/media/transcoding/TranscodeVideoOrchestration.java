package com.contoso.media.transcoding;

import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.LadderJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.microsoft.durabletask.RetryPolicy;
import com.microsoft.durabletask.Task;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOptions;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * TranscodeVideo: probe → plan the ladder → one activity per rung plus a thumbnail (fan-out) → master playlist
 * → finalize. Deterministic (time only from the context, no I/O here); every step is retried by the SDK and
 * bounded by a durable timer; on failure the partial outputs are deleted and the upload ends {@code Failed}.
 */
public final class TranscodeVideoOrchestration implements TaskOrchestration {

    public static final String NAME = DurableTranscodeControl.ORCHESTRATION;
    public static final String PROBE = "ProbeSource";
    public static final String ENCODE = "EncodeRendition";
    public static final String ENCODE_LADDER = "EncodeLadder";
    public static final String THUMBNAIL = "CreateThumbnail";
    public static final String MASTER = "WriteMasterPlaylist";
    public static final String FINALIZE = "FinalizeUpload";
    public static final String END = "EndUpload";
    public static final String CLEANUP = "DeleteOutputs";

    private final TranscodeSettings settings;

    public TranscodeVideoOrchestration(TranscodeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void run(TaskOrchestrationContext ctx) {
        ctx.complete(orchestrate(ctx));
    }

    /**
     * The workflow; returns how the upload ended. The Functions worker completes the orchestration with an
     * orchestrator function's return value, so the entry point calls this rather than {@link #run}.
     */
    public String orchestrate(TaskOrchestrationContext ctx) {
        TranscodeRequest request = ctx.getInput(TranscodeRequest.class);
        Instant deadline = ctx.getCurrentInstant().plus(settings.deadline());
        TaskOptions retry = new TaskOptions(new RetryPolicy(3, settings.firstRetry()).setBackoffCoefficient(2.0));
        try {
            report(ctx, "probing", 0, 0, 5);
            ProbeOutcome probe = bounded(ctx, ctx.callActivity(PROBE, request, retry, ProbeOutcome.class), deadline, PROBE);
            if (!probe.usable()) {
                return end(ctx, retry, new EndJob(request, "Rejected", probe.errorCode(), probe.errorMessage()));
            }
            List<Rung> plan = LadderPlanner.plan(probe.media(), settings.ladder());
            report(ctx, "transcoding", 0, plan.size(), 10);
            List<Task<List<RenditionOutput>>> encodes = encode(ctx, request, plan, probe.media().hasAudio(), retry);
            Rung top = plan.get(0);
            Task<ThumbnailOutput> thumbnail = ctx.callActivity(THUMBNAIL, new ThumbnailJob(request, top.width(),
                    top.height(), Math.min(1.0, probe.media().durationSeconds() / 2)), retry, ThumbnailOutput.class);
            List<RenditionOutput> renditions = awaitRenditions(ctx, encodes, plan.size(), thumbnail, deadline);

            report(ctx, "packaging", plan.size(), plan.size(), 95);
            MasterOutput master = bounded(ctx, ctx.callActivity(MASTER, new MasterPlaylistJob(request, renditions),
                    retry, MasterOutput.class), deadline, MASTER);
            bounded(ctx, ctx.callActivity(FINALIZE, new FinalizeJob(request, master, renditions, thumbnail.await()),
                    retry, Void.class), deadline, FINALIZE);
            report(ctx, "done", plan.size(), plan.size(), 100);
            return "Succeeded";
        } catch (TaskFailedException e) {
            return fail(ctx, retry, request, "transcode_failed", e.getErrorDetails().getErrorMessage());
        } catch (StepTimedOut e) {
            return fail(ctx, retry, request, "transcode_timeout", e.getMessage());
        }
    }

    /** One activity per rung (fan-out across instances), or one for the whole ladder (one decode). */
    private List<Task<List<RenditionOutput>>> encode(TaskOrchestrationContext ctx, TranscodeRequest request,
                                                     List<Rung> plan, boolean withAudio, TaskOptions retry) {
        List<Task<List<RenditionOutput>>> encodes = new ArrayList<>();
        if (settings.oneDecode()) {
            encodes.add(ctx.callActivity(ENCODE_LADDER, new LadderJob(request, plan, settings.segmentSeconds(), withAudio),
                    retry, RenditionOutput[].class).thenApply(List::of));
            return encodes;
        }
        for (Rung rung : plan) {
            encodes.add(ctx.callActivity(ENCODE, new RenditionJob(request, rung, settings.segmentSeconds(), withAudio),
                    retry, RenditionOutput.class).thenApply(List::of));
        }
        return encodes;
    }

    /** Waits for every rendition and the thumbnail, reporting progress as each finishes, within one step bound. */
    private List<RenditionOutput> awaitRenditions(TaskOrchestrationContext ctx, List<Task<List<RenditionOutput>>> encodes,
                                                  int rungs, Task<ThumbnailOutput> thumbnail, Instant deadline) {
        Task<Void> timeout = ctx.createTimer(stepBound(ctx, deadline));
        List<Task<?>> pending = new ArrayList<>(encodes);
        pending.add(thumbnail);
        while (!pending.isEmpty()) {
            List<Task<?>> race = new ArrayList<>(pending);
            race.add(timeout);
            Task<?> finished = ctx.anyOf(race).await();
            if (finished == timeout) {
                throw new StepTimedOut("Renditions did not finish within " + settings.stepTimeout());
            }
            finished.await();
            pending.remove(finished);
            int done = encodes.stream().filter(Task::isDone).mapToInt(task -> task.await().size()).sum();
            report(ctx, "transcoding", done, rungs, 10 + 80 * done / rungs);
        }
        return encodes.stream().flatMap(task -> task.await().stream()).toList();
    }

    private <T> T bounded(TaskOrchestrationContext ctx, Task<T> step, Instant deadline, String name) {
        Task<Void> timeout = ctx.createTimer(stepBound(ctx, deadline));
        if (ctx.anyOf(step, timeout).await() == timeout) {
            throw new StepTimedOut(name + " did not finish within " + settings.stepTimeout());
        }
        return step.await();
    }

    /** A step gets the configured timeout, but never runs past the orchestration's overall deadline. */
    private Duration stepBound(TaskOrchestrationContext ctx, Instant deadline) {
        Duration left = Duration.between(ctx.getCurrentInstant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new StepTimedOut("The transcoding deadline of " + settings.deadline() + " has passed");
        }
        return left.compareTo(settings.stepTimeout()) < 0 ? left : settings.stepTimeout();
    }

    private String fail(TaskOrchestrationContext ctx, TaskOptions retry, TranscodeRequest request, String code,
                        String message) {
        report(ctx, "cleaning-up", 0, 0, 100);
        ctx.callActivity(CLEANUP, request, retry, Void.class).await();
        return end(ctx, retry, new EndJob(request, "Failed", code, message));
    }

    private static String end(TaskOrchestrationContext ctx, TaskOptions retry, EndJob job) {
        ctx.callActivity(END, job, retry, Void.class).await();
        return job.status();
    }

    private static void report(TaskOrchestrationContext ctx, String stage, int done, int total, int percent) {
        ctx.setCustomStatus(new TranscodeProgress(stage, done, total, percent));
    }

    /** A durable timer fired before the step it guards finished. */
    static final class StepTimedOut extends RuntimeException {
        StepTimedOut(String message) {
            super(message);
        }
    }
}
