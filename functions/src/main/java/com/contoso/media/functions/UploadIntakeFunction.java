package com.contoso.media.functions;

import com.contoso.media.intake.BlobCreated;
import com.contoso.media.json.Json;
import com.contoso.media.transcoding.DurableTranscodeControl;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.durabletask.azurefunctions.DurableClientContext;
import com.microsoft.durabletask.azurefunctions.DurableClientInput;
import java.util.Optional;

/**
 * Storage BlobCreated events (Event Grid) for the uploads container. An Event Grid trigger rather than a
 * blob trigger: the Java worker has no SDK-type blob binding, so a blob trigger would push the whole file
 * (up to 2 GiB) through the host into the worker before the function runs. The event carries the path only.
 * Throwing makes Event Grid redeliver with backoff and dead-letter after its retry policy.
 */
public class UploadIntakeFunction {

    @FunctionName("UploadIntake")
    public void run(
            @EventGridTrigger(name = "event") String event,
            @DurableClientInput(name = "durableContext") DurableClientContext durableContext,
            ExecutionContext context) {
        JsonNode json = Json.read(event, JsonNode.class);
        Optional<BlobCreated> blob = BlobCreated.fromSubject(json.path("subject").asText());
        if (!"Microsoft.Storage.BlobCreated".equals(json.path("eventType").asText(json.path("type").asText()))
                || blob.isEmpty()) {
            context.getLogger().warning("Ignored event " + json.path("id").asText() + ": not a blob creation");
            return;
        }
        FunctionsBackend.get().intake(new DurableTranscodeControl(DurableClients.of(durableContext))).onBlobCreated(blob.get());
    }
}
