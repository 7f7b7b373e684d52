package com.contoso.media.transcoding;

import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.logging.Redaction;
import com.contoso.media.transcoding.RetryingCalls.Call;
import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkBatch;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.ClipOutput;
import com.contoso.media.transcoding.TranscodeJobs.DownloadOutput;
import com.contoso.media.transcoding.TranscodeJobs.DownloadsJob;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsJob;
import com.contoso.media.transcoding.TranscodeJobs.PlaylistsOutput;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.ProgressJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardJob;
import com.contoso.media.transcoding.TranscodeJobs.StoryboardOutput;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.uploads.UploadError;
import com.microsoft.durabletask.TaskCanceledException;
import com.microsoft.durabletask.TaskFailedException;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TranscodeVideo: a slot among the tenant's encoding slots (waiting in line while the upload is {@code Queued},
 * checking again on a durable timer) → probe → plan (rungs × chunks, and the audio in stretches beside them) → side
 * by side: the thumbnails, and the chunk batches as EncodeChunks sub-orchestrations, a bounded number at a time → the
 * final playlists → finalize. As
 * batches finish, progress goes onto the upload record and the preview playlist grows. Deterministic (time only
 * from the context, no I/O here); activities are retried 3 times with exponential backoff and every step is
 * bounded by a durable timer; on failure the partial outputs are deleted and the upload ends {@code Failed}. However
 * it ends, the slot is given back last, so the next video in the tenant's line starts.
 */
public final class TranscodeVideoOrchestration implements TaskOrchestration {

    public static final String NAME = DurableTranscodeControl.ORCHESTRATION;
    public static final String PROBE = "ProbeSource";
    public static final String THUMBNAILS = "CreateThumbnails";
    public static final String PROGRESS = "PublishProgress";
    public static final String PLAYLISTS = "WritePlaylists";
    public static final String FINALIZE = "FinalizeUpload";
    public static final String END = "EndUpload";
    public static final String CLEANUP = "DeleteOutputs";
    public static final String CLAIM_SLOT = "ClaimTranscodeSlot";
    public static final String RELEASE_SLOT = "ReleaseTranscodeSlot";
    public static final String CUT_CLIP = "CutClip";
    public static final String DOWNLOADS = "WriteDownloads";
    public static final String STORYBOARD = "CreateStoryboard";
    /** The tallest rung a progressive MP4 download is made of. */
    static final int MAX_DOWNLOAD_HEIGHT = 1080;
    /** The first wait between two checks for a slot; it doubles up to {@code TRANSCODE_QUEUE_POLL_SECONDS}. */
    static final Duration FIRST_QUEUE_CHECK = Duration.ofSeconds(2);
    /**
     * The external event a queued video's orchestration waits for: whoever frees a slot and hands it to this video
     * ({@code TranscodeSlots.release}) raises it, so the video claims it at once instead of at its next check.
     */
    public static final String SLOT_GIVEN = "SlotGiven";

    static final int ATTEMPTS = 3;

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
        boolean clip = request.clip() != null;
        String outcome;
        try {
            // A clip takes no encoding slot: the little it encodes is bounded by two segments.
            if (!clip && awaitSlot(ctx, request).state() == SlotClaim.State.GONE) {
                return "Abandoned";
            }
            outcome = clip ? clip(ctx, request) : transcode(ctx, request);
        } catch (TaskFailedException e) {
            boolean timedOut = RetryingCalls.TimedOut.class.getName().equals(e.getErrorDetails().getErrorType());
            outcome = fail(ctx, request, timedOut, e.getErrorDetails().getErrorType() + ": "
                    + e.getErrorDetails().getErrorMessage());
        } catch (RetryingCalls.TimedOut e) {
            outcome = fail(ctx, request, true, e.getMessage());
        }
        if (!clip) {
            calls.one(ctx, new Call<>(RELEASE_SLOT, request, Void.class), settings.stepTimeout());
        }
        return outcome;
    }

    /**
     * Asks for the slot until it is granted (or the upload is gone). In between it waits for {@link #SLOT_GIVEN}, which
     * whoever hands it the slot raises, or at most 2 s, then doubling up to the configured longest wait: a long line
     * costs a check every half minute or so, not a history that grows by the second, and a freed slot is taken at
     * once rather than up to half a minute later (measured: 32 short videos of one tenant, p95 from 281 s to see
     * docs/benchmarks.md). A wake-up raised while no wait is pending is kept by the runtime for the next wait. The
     * wait does not count against the transcoding deadline.
     */
    private SlotClaim awaitSlot(TaskOrchestrationContext ctx, TranscodeRequest request) {
        Duration wait = FIRST_QUEUE_CHECK;
        while (true) {
            SlotClaim claim = calls.one(ctx, new Call<>(CLAIM_SLOT, request, SlotClaim.class), settings.stepTimeout());
            if (claim.state() != SlotClaim.State.WAITING) {
                return claim;
            }
            report(ctx, new TranscodeProgress("queued", 0, 0, 0, 0, 0, TranscodeProgress.UNKNOWN_ETA, false));
            try {
                ctx.waitForExternalEvent(SLOT_GIVEN, wait).await();
            } catch (TaskCanceledException noWakeUp) {
                // The wait ran out: look anyway, a wake-up may have been lost with a crash.
            }
            wait = wait.multipliedBy(2).compareTo(settings.queuePoll()) > 0 ? settings.queuePoll() : wait.multipliedBy(2);
        }
    }

    /**
     * A clip: its HLS cut from the parent's (copies, and for an accurate clip two re-encoded segments per
     * rendition), then the record; it fails and cleans up as a transcode does.
     */
    private String clip(TaskOrchestrationContext ctx, TranscodeRequest request) {
        Instant deadline = ctx.getCurrentInstant().plus(settings.deadline());
        report(ctx, new TranscodeProgress("cutting", 0, 0, 0, 0, 0, TranscodeProgress.UNKNOWN_ETA, false));
        ClipOutput cut = calls.one(ctx, new Call<>(CUT_CLIP, request, ClipOutput.class), stepBound(ctx, deadline));
        calls.one(ctx, new Call<>(FINALIZE, new FinalizeJob(request, cut.master(), cut.renditions(),
                List.of(cut.poster())), Void.class), stepBound(ctx, deadline));
        return "Succeeded";
    }

    /** From the probe to the final state; returns how the upload ended. */
    private String transcode(TaskOrchestrationContext ctx, TranscodeRequest request) {
        Instant deadline = ctx.getCurrentInstant().plus(settings.deadline());
        report(ctx, new TranscodeProgress("probing", 0, 0, 0, 0, 0, TranscodeProgress.UNKNOWN_ETA, false));
        ProbeOutcome probe = calls.one(ctx, new Call<>(PROBE, request, ProbeOutcome.class), stepBound(ctx, deadline));
        if (!probe.usable()) {
            return cleanUpAndEnd(ctx, new EndJob(request, "Rejected", probe.errorCode(), probe.errorMessage(),
                    probe.errorMessage()));
        }
        TranscodePlan plan = TranscodePlan.of(request, probe.media(), settings);
        EncodeTracker encoded = encode(ctx, request, plan, probe.media().hasAudio(), deadline);

        report(ctx, encoded.progress("packaging", 95, ctx.getCurrentInstant()));
        PlaylistsOutput playlists = calls.one(ctx, new Call<>(PLAYLISTS, new PlaylistsJob(request, plan.rungs(),
                encoded.segmentsByRendition(), plan.segmentSeconds(), encoded.previewStarted()),
                PlaylistsOutput.class), stepBound(ctx, deadline));
        List<RenditionOutput> renditions = playlists.renditions();
        List<DownloadOutput> downloads = downloads(ctx, request, plan, probe.media().hasAudio(), deadline);
        Rung lowest = plan.rungs().get(plan.rungs().size() - 1);
        StoryboardOutput storyboard = calls.one(ctx, new Call<>(STORYBOARD, new StoryboardJob(request, lowest.name(),
                Storyboard.of(plan.durationSeconds(), lowest.width(), lowest.height(), plan.segmentSeconds())),
                StoryboardOutput.class), stepBound(ctx, deadline));
        calls.one(ctx, new Call<>(FINALIZE, new FinalizeJob(request, playlists.master(), renditions,
                encoded.thumbnails(), downloads, storyboard), Void.class), stepBound(ctx, deadline));
        report(ctx, encoded.progress("done", 100, ctx.getCurrentInstant()));
        return "Succeeded";
    }

    /**
     * The progressive downloads the upload asked for (or the settings give every video): remuxed from the encoded
     * segments by stream copy, so they cost a copy of bytes, never an encode.
     */
    private List<DownloadOutput> downloads(TaskOrchestrationContext ctx, TranscodeRequest request, TranscodePlan plan,
                                           boolean hasAudio, Instant deadline) {
        TranscodeOptions options = request.options();
        boolean mp4 = options != null && options.mp4() != null ? options.mp4() : settings.mp4();
        boolean audioOnly = hasAudio && (options != null && options.audioOnly() != null ? options.audioOnly()
                : settings.audioOnly());
        if (!mp4 && !audioOnly) {
            return List.of();
        }
        Rung top = plan.rungs().stream().filter(rung -> rung.height() <= MAX_DOWNLOAD_HEIGHT).findFirst()
                .orElse(plan.rungs().get(plan.rungs().size() - 1));
        return Arrays.asList(calls.one(ctx, new Call<>(DOWNLOADS, new DownloadsJob(request, top.name(), mp4,
                audioOnly, hasAudio), DownloadOutput[].class), stepBound(ctx, deadline)));
    }

    /**
     * The lead first, alone (the preview's first chunk and its sound, see {@link TranscodePlan}), and its preview
     * published; then the thumbnails and the chunk batches side by side. The thumbnails go first, so they are never
     * queued behind the chunks; the batches start in timeline order, so the preview's next chunks are among the
     * first done.
     */
    private EncodeTracker encode(TaskOrchestrationContext ctx, TranscodeRequest request, TranscodePlan plan,
                                 boolean hasAudio, Instant deadline) {
        EncodeTracker tracker = new EncodeTracker(plan, hasAudio, ctx.getCurrentInstant());
        report(ctx, tracker.progress("transcoding", tracker.percent(), ctx.getCurrentInstant()));
        List<Call<ChunkOutput>> lead = new ArrayList<>();
        plan.lead().audio().forEach(job -> lead.add(new Call<>(EncodeChunksOrchestration.ENCODE_AUDIO_CHUNK, job,
                ChunkOutput.class)));
        plan.lead().video().forEach(job -> lead.add(new Call<>(EncodeChunksOrchestration.ENCODE_CHUNK, job,
                ChunkOutput.class)));
        calls.all(ctx, lead, lead.size(), boundToDeadline(ctx, deadline),
                (done, result) -> tracker.partDone((ChunkOutput) result));
        publish(ctx, request, tracker, deadline);

        Rung top = plan.rungs().get(0);
        Call<ThumbnailOutput[]> thumbnails = new Call<>(THUMBNAILS, new ThumbnailJob(request, top.width(),
                top.height(), plan.thumbnailTimes(), plan.durationSeconds()), ThumbnailOutput[].class);
        List<Call<?>> batches = new ArrayList<>();
        for (int batch = 0; batch < plan.batches().size(); batch++) {
            batches.add(Call.subOrchestration(EncodeChunksOrchestration.NAME,
                    EncodeChunksOrchestration.instanceId(request.uploadId(), batch),
                    new ChunkBatch(request, batch, plan.batches().get(batch).video(),
                            plan.batches().get(batch).audio(), plan.jobWindow(), deadline.toEpochMilli()),
                    BatchOutput.class));
        }
        RetryingCalls.Results results = calls.all(ctx, List.of(thumbnails), batches, plan.batchWindow(),
                boundToDeadline(ctx, deadline), (done, result) -> {
                    if (done != thumbnails) {
                        tracker.batchDone((BatchOutput) result);
                        publish(ctx, request, tracker, deadline);
                    }
                });
        tracker.thumbnailsDone(Arrays.asList(results.of(thumbnails)));
        return tracker;
    }

    /**
     * Progress onto the upload record, and the preview's new segments. Best effort: a failed write leaves the
     * preview where it was and is made good by the next one; it never fails the transcode.
     */
    private void publish(TaskOrchestrationContext ctx, TranscodeRequest request, EncodeTracker tracker,
                         Instant deadline) {
        ProgressJob job = tracker.progressJob(request, ctx.getCurrentInstant());
        report(ctx, job.progress());
        try {
            calls.one(ctx, new Call<>(PROGRESS, job, Void.class), stepBound(ctx, deadline));
            tracker.previewPublished();
        } catch (TaskFailedException | RetryingCalls.TimedOut e) {
            // Left for the next batch's write: the record and the preview only ever move forward.
        }
    }

    /** A step gets the configured timeout, but never runs past the orchestration's overall deadline. */
    private Duration stepBound(TaskOrchestrationContext ctx, Instant deadline) {
        Duration left = boundToDeadline(ctx, deadline);
        return left.compareTo(settings.stepTimeout()) < 0 ? left : settings.stepTimeout();
    }

    private Duration boundToDeadline(TaskOrchestrationContext ctx, Instant deadline) {
        Duration left = Duration.between(ctx.getCurrentInstant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new RetryingCalls.TimedOut("The transcoding deadline of " + settings.deadline() + " has passed");
        }
        return left;
    }

    /**
     * The tenant reads a sentence; what failed inside (an activity's exception, already redacted where it was made,
     * and redacted again here) goes to the logs with the upload's ids.
     */
    private String fail(TaskOrchestrationContext ctx, TranscodeRequest request, boolean timedOut, String detail) {
        UploadError why = timedOut ? TranscodeFailure.timedOut(settings.deadline()) : TranscodeFailure.failed();
        return cleanUpAndEnd(ctx, new EndJob(request, "Failed", why.code(), why.message(), Redaction.redact(detail)));
    }

    /**
     * A rejected or failed upload keeps no bytes: partial outputs and the promoted original go. Cleanup and the
     * final state get their own bound, past the deadline if need be: they must still run.
     */
    private String cleanUpAndEnd(TaskOrchestrationContext ctx, EndJob job) {
        report(ctx, new TranscodeProgress("cleaning-up", 0, 0, 100, 0, 0, TranscodeProgress.UNKNOWN_ETA, false));
        calls.one(ctx, new Call<>(CLEANUP, job.request(), Void.class), settings.stepTimeout());
        calls.one(ctx, new Call<>(END, job, Void.class), settings.stepTimeout());
        return job.status();
    }

    /** The Durable custom status too, for operators looking at the instance. */
    private static void report(TaskOrchestrationContext ctx, TranscodeProgress progress) {
        ctx.setCustomStatus(progress);
    }
}
