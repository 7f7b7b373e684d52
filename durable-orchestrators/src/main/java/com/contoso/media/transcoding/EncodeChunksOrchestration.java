package com.contoso.media.transcoding;

import com.contoso.media.transcoding.RetryingCalls.Call;
import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkBatch;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.ChunkOutput;
import com.contoso.media.transcoding.TranscodeJobs.RungSegments;
import com.microsoft.durabletask.TaskOrchestration;
import com.microsoft.durabletask.TaskOrchestrationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EncodeChunks: one batch of chunk encodes, a sub-orchestration of TranscodeVideo, so that each history holds a
 * bounded share of a long video's work. The audio stretches beside the batch's chunks go first: they take a fraction
 * of a second each, and the preview waits for them. Each job is retried on its own (3 attempts, backoff): one failed
 * chunk never makes its neighbours encode again. Bounded by the parent's deadline.
 */
public final class EncodeChunksOrchestration implements TaskOrchestration {

    public static final String NAME = "EncodeChunks";
    public static final String ENCODE_CHUNK = "EncodeChunk";
    public static final String ENCODE_AUDIO_CHUNK = "EncodeAudioChunk";

    private final RetryingCalls calls;

    public EncodeChunksOrchestration(TranscodeSettings settings) {
        this.calls = new RetryingCalls(TranscodeVideoOrchestration.ATTEMPTS, settings.firstRetry());
    }

    /** The sub-orchestration's instance id: the upload's, so the pair is unique and a restart finds it again. */
    static String instanceId(String uploadId, int batch) {
        return uploadId + "-chunks-" + batch;
    }

    @Override
    public void run(TaskOrchestrationContext ctx) {
        ctx.complete(orchestrate(ctx));
    }

    public BatchOutput orchestrate(TaskOrchestrationContext ctx) {
        ChunkBatch batch = ctx.getInput(ChunkBatch.class);
        Duration left = Duration.between(ctx.getCurrentInstant(), Instant.ofEpochMilli(batch.deadlineEpochMillis()));
        if (left.isNegative() || left.isZero()) {
            throw new RetryingCalls.TimedOut("The transcoding deadline passed before batch " + batch.batch());
        }
        List<Call<ChunkOutput>> encodes = new ArrayList<>();
        for (AudioChunkJob job : batch.audio()) {
            encodes.add(new Call<>(ENCODE_AUDIO_CHUNK, job, ChunkOutput.class));
        }
        for (ChunkJob job : batch.jobs()) {
            encodes.add(new Call<>(ENCODE_CHUNK, job, ChunkOutput.class));
        }
        RetryingCalls.Results results = calls.all(ctx, encodes, batch.maxParallel(), left, (done, result) -> { });
        // Per-rung jobs answer a chunk rung by rung, and its audio apart: gather each chunk's into one output.
        Map<Integer, List<RungSegments>> byChunk = new TreeMap<>();
        for (Call<ChunkOutput> encode : encodes) {
            ChunkOutput output = results.of(encode);
            byChunk.computeIfAbsent(output.chunk(), chunk -> new ArrayList<>()).addAll(output.rungs());
        }
        List<ChunkOutput> chunks = new ArrayList<>();
        byChunk.forEach((chunk, rungs) -> chunks.add(new ChunkOutput(chunk, rungs)));
        return new BatchOutput(chunks);
    }
}
