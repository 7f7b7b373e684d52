package com.contoso.media.functions;

import com.contoso.media.transcoding.RenditionOutput;
import com.contoso.media.transcoding.TranscodeJobs.EndJob;
import com.contoso.media.transcoding.TranscodeJobs.FinalizeJob;
import com.contoso.media.transcoding.TranscodeJobs.LadderJob;
import com.contoso.media.transcoding.TranscodeJobs.MasterOutput;
import com.contoso.media.transcoding.TranscodeJobs.MasterPlaylistJob;
import com.contoso.media.transcoding.TranscodeJobs.ProbeOutcome;
import com.contoso.media.transcoding.TranscodeJobs.RenditionJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailJob;
import com.contoso.media.transcoding.TranscodeJobs.ThumbnailOutput;
import com.contoso.media.transcoding.TranscodeRequest;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.DataConverter;
import com.microsoft.durabletask.JacksonDataConverter;
import com.microsoft.durabletask.TaskOrchestrationContext;
import com.microsoft.durabletask.azurefunctions.DurableActivityTrigger;
import com.microsoft.durabletask.azurefunctions.DurableOrchestrationTrigger;

/**
 * The TranscodeVideo orchestrator and its activities. Activity inputs arrive as JSON text ({@code dataType =
 * "string"}, so the worker does not convert them) and are read with the Durable SDK's own converter, the one that
 * wrote them, so records round-trip exactly.
 */
public class TranscodeFunctions {

    private static final DataConverter JSON = new JacksonDataConverter();

    @FunctionName("TranscodeVideo")
    public String transcodeVideo(@DurableOrchestrationTrigger(name = "ctx") TaskOrchestrationContext ctx) {
        return FunctionsBackend.orchestration().orchestrate(ctx);
    }

    @FunctionName("ProbeSource")
    public ProbeOutcome probeSource(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().probeSource(JSON.deserialize(input, TranscodeRequest.class));
    }

    @FunctionName("EncodeRendition")
    public RenditionOutput encodeRendition(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().encodeRendition(JSON.deserialize(input, RenditionJob.class));
    }

    @FunctionName("EncodeLadder")
    public RenditionOutput[] encodeLadder(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().encodeLadder(JSON.deserialize(input, LadderJob.class));
    }

    @FunctionName("CreateThumbnail")
    public ThumbnailOutput createThumbnail(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().createThumbnail(JSON.deserialize(input, ThumbnailJob.class));
    }

    @FunctionName("WriteMasterPlaylist")
    public MasterOutput writeMasterPlaylist(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        return FunctionsBackend.activities().writeMasterPlaylist(JSON.deserialize(input, MasterPlaylistJob.class));
    }

    @FunctionName("FinalizeUpload")
    public void finalizeUpload(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().finalizeUpload(JSON.deserialize(input, FinalizeJob.class));
    }

    @FunctionName("EndUpload")
    public void endUpload(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().endUpload(JSON.deserialize(input, EndJob.class));
    }

    @FunctionName("DeleteOutputs")
    public void deleteOutputs(@DurableActivityTrigger(name = "input", dataType = "string") String input) {
        FunctionsBackend.activities().deleteOutputs(JSON.deserialize(input, TranscodeRequest.class));
    }
}
