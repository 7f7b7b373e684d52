package com.contoso.media.transcoding;

import com.contoso.media.transcoding.RetryingCalls.Call;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.LadderJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TranscodeVideo: probe → plan the ladder → encode (one activity per rung, or one for the whole ladder) plus a
 * thumbnail, side by side → master playlist → finalize. Deterministic (time only from the context, no I/O
 * here); every activity is retried 3 times with exponential backoff and every step is bounded by a durable
 * timer; on failure the partial outputs are deleted and the upload ends {@code Failed}.
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

    private static final int ATTEMPTS = 3;

    private final TranscodeSettings settings;
    private final RetryingCalls calls;

    public TranscodeVideoOrchestration(TranscodeSettings settings) {
        this.settings = settings;
        this.calls = new RetryingCalls(ATTEMPTS, settings.firstRetry());
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
        try {
            report(ctx, "probing", 0, 0, 5);
            ProbeOutcome probe = calls.one(ctx, new Call<>(PROBE, request, ProbeOutcome.class), stepBound(ctx, deadline));
            if (!probe.usable()) {
                return cleanUpAndEnd(ctx, new EndJob(request, "Rejected", probe.errorCode(), probe.errorMessage()));
            }
            List<Rung> plan = LadderPlanner.plan(probe.media(), settings.ladder());
            List<RenditionOutput> renditions = new ArrayList<>();
            ThumbnailOutput thumbnail = encode(ctx, request, plan, probe, deadline, renditions);

            report(ctx, "packaging", plan.size(), plan.size(), 95);
            MasterOutput master = calls.one(ctx, new Call<>(MASTER, new MasterPlaylistJob(request, renditions),
                    MasterOutput.class), stepBound(ctx, deadline));
            calls.one(ctx, new Call<>(FINALIZE, new FinalizeJob(request, master, renditions, thumbnail), Void.class),
                    stepBound(ctx, deadline));
            report(ctx, "done", plan.size(), plan.size(), 100);
            return "Succeeded";
        } catch (TaskFailedException e) {
            return fail(ctx, request, "transcode_failed", e.getErrorDetails().getErrorMessage());
        } catch (RetryingCalls.TimedOut e) {
            return fail(ctx, request, "transcode_timeout", e.getMessage());
        }
    }

    /**
     * The renditions (one activity per rung, which Functions spreads over instances, or one activity for the
     * whole ladder) and the thumbnail, side by side; progress is reported as renditions finish.
     */
    private ThumbnailOutput encode(TaskOrchestrationContext ctx, TranscodeRequest request, List<Rung> plan,
                                   ProbeOutcome probe, Instant deadline, List<RenditionOutput> renditions) {
        boolean audio = probe.media().hasAudio();
        List<Call<?>> work = new ArrayList<>();
        List<Call<RenditionOutput[]>> ladders = new ArrayList<>();
        List<Call<RenditionOutput>> rungs = new ArrayList<>();
        if (settings.oneDecode()) {
            ladders.add(new Call<>(ENCODE_LADDER, new LadderJob(request, plan, settings.segmentSeconds(), audio),
                    RenditionOutput[].class));
        } else {
            for (Rung rung : plan) {
                rungs.add(new Call<>(ENCODE, new RenditionJob(request, rung, settings.segmentSeconds(), audio),
                        RenditionOutput.class));
            }
        }
        Rung top = plan.get(0);
        Call<ThumbnailOutput> thumbnail = new Call<>(THUMBNAIL, new ThumbnailJob(request, top.width(), top.height(),
                Math.min(1.0, probe.media().durationSeconds() / 2)), ThumbnailOutput.class);
        work.addAll(ladders);
        work.addAll(rungs);
        work.add(thumbnail);
        EncodeProgress progress = new EncodeProgress(ctx, plan.size());
        RetryingCalls.Results results = calls.all(ctx, work, stepBound(ctx, deadline), done -> {
            if (done != thumbnail) {
                progress.finished(done.resultType() == RenditionOutput[].class ? plan.size() : 1);
            }
        });
        ladders.forEach(ladder -> renditions.addAll(Arrays.asList(results.of(ladder))));
        rungs.forEach(rung -> renditions.add(results.of(rung)));
        return results.of(thumbnail);
    }

    /** A step gets the configured timeout, but never runs past the orchestration's overall deadline. */
    private Duration stepBound(TaskOrchestrationContext ctx, Instant deadline) {
        Duration left = Duration.between(ctx.getCurrentInstant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new RetryingCalls.TimedOut("The transcoding deadline of " + settings.deadline() + " has passed");
        }
        return left.compareTo(settings.stepTimeout()) < 0 ? left : settings.stepTimeout();
    }

    private String fail(TaskOrchestrationContext ctx, TranscodeRequest request, String code, String message) {
        return cleanUpAndEnd(ctx, new EndJob(request, "Failed", code, message));
    }

    /**
     * A rejected or failed upload keeps no bytes: partial outputs and the promoted original go. Cleanup and the
     * final state get their own bound, past the deadline if need be: they must still run.
     */
    private String cleanUpAndEnd(TaskOrchestrationContext ctx, EndJob job) {
        report(ctx, "cleaning-up", 0, 0, 100);
        calls.one(ctx, new Call<>(CLEANUP, job.request(), Void.class), settings.stepTimeout());
        return end(ctx, job);
    }

    private String end(TaskOrchestrationContext ctx, EndJob job) {
        calls.one(ctx, new Call<>(END, job, Void.class), settings.stepTimeout());
        return job.status();
    }

    private static void report(TaskOrchestrationContext ctx, String stage, int done, int total, int percent) {
        ctx.setCustomStatus(new TranscodeProgress(stage, done, total, percent));
    }

    /** Renditions finished so far, reported as the encode's share (10 % to 90 %) of the whole. */
    private static final class EncodeProgress {
        private final TaskOrchestrationContext ctx;
        private final int total;
        private int done;

        private EncodeProgress(TaskOrchestrationContext ctx, int total) {
            this.ctx = ctx;
            this.total = total;
            report(ctx, "transcoding", 0, total, 10);
        }

        private void finished(int renditions) {
            done += renditions;
            report(ctx, "transcoding", done, total, 10 + 80 * done / total);
        }
    }
}
