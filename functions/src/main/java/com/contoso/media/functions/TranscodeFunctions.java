package com.contoso.media.functions;

import com.contoso.media.fairuse.SlotClaim;
import com.contoso.media.transcoding.DurableTranscodeControl;
import com.contoso.media.transcoding.RenditionOutput;
import com.contoso.media.transcoding.TranscodeJobs.AudioChunkJob;
import com.contoso.media.transcoding.TranscodeJobs.BatchOutput;
import com.contoso.media.transcoding.TranscodeJobs.ChunkJob;
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
import com.contoso.media.transcoding.TranscodeRequest;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;

/**
 * The TranscodeVideo orchestrator, its EncodeChunks sub-orchestrator and their activities. Activity inputs arrive
 * as JSON text ({@code dataType = "string"}, so the worker does not convert them) and are read with the Durable
 * SDK's own converter, the one that wrote them, so records round-trip exactly.
 */
public class TranscodeFunctions {

    private static final DataConverter JSON = new JacksonDataConverter();

    @FunctionName("TranscodeVideo")
    public String transcodeVideo(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        return FunctionsBackend.orchestration().orchestrate(ctx);
    }

    @FunctionName("EncodeChunks")
    public BatchOutput encodeChunks(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        return FunctionsBackend.chunkOrchestration().orchestrate(ctx);
    }

    @FunctionName("ClaimTranscodeSlot")
    public SlotClaim claimTranscodeSlot(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().claimSlot(JSON.deserialize(input, TranscodeRequest.class));
    }

    @FunctionName("ReleaseTranscodeSlot")
    public void releaseTranscodeSlot(@DurableActivityTrigger(name = "input", dataType = "string") String input,
                                     @DurableClientInput(name = "durableContext") DurableClientContext durableContext) {
        // The videos just given a slot claim it now rather than at their next check.
        FunctionsBackend.activities().releaseSlot(JSON.deserialize(input, TranscodeRequest.class))
                .forEach(new DurableTranscodeControl(DurableClients.of(durableContext))::wake);
    }

    @FunctionName("ProbeSource")
    public ProbeOutcome probeSource(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().probeSource(JSON.deserialize(input, TranscodeRequest.class));
    }

    @FunctionName("EncodeChunk")
    public ChunkOutput encodeChunk(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().encodeChunk(JSON.deserialize(input, ChunkJob.class));
    }

    @FunctionName("EncodeAudioChunk")
    public ChunkOutput encodeAudioChunk(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().encodeAudioChunk(JSON.deserialize(input, AudioChunkJob.class));
    }

    @FunctionName("CreateThumbnails")
    public ThumbnailOutput[] createThumbnails(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().createThumbnails(JSON.deserialize(input, ThumbnailJob.class));
    }

    @FunctionName("PublishProgress")
    public void publishProgress(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().publishProgress(JSON.deserialize(input, ProgressJob.class));
    }

    @FunctionName("WritePlaylists")
    public PlaylistsOutput writePlaylists(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().writePlaylists(JSON.deserialize(input, PlaylistsJob.class));
    }

    @FunctionName("FinalizeUpload")
    public void finalizeUpload(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().finalizeUpload(JSON.deserialize(input, FinalizeJob.class));
    }

    @FunctionName("EndUpload")
    public void endUpload(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().endUpload(JSON.deserialize(input, EndJob.class));
    }

    @FunctionName("CutClip")
    public ClipOutput cutClip(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.clips().cutClip(JSON.deserialize(input, TranscodeRequest.class));
    }

    @FunctionName("WriteDownloads")
    public DownloadOutput[] writeDownloads(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.packager().writeDownloads(JSON.deserialize(input, DownloadsJob.class));
    }

    @FunctionName("CreateStoryboard")
    public StoryboardOutput createStoryboard(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.packager().writeStoryboard(JSON.deserialize(input, StoryboardJob.class));
    }

    @FunctionName("DeleteOutputs")
    public void deleteOutputs(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().deleteOutputs(JSON.deserialize(input, TranscodeRequest.class));
    }
}
