package com.contoso.media.functions;

import com.contoso.media.messaging.StorageQueueBus;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;

/**
 * Imports from a URL: one slice of a fetch per message of the import queue (a Storage queue, in Azure too). A slice
 * that throws is retried by the host, then moved to the {@code -poison} queue after {@code maxDequeueCount}
 * (host.json); the import's record then waits for the expiry job. A process that dies mid-slice leaves its message
 * to reappear, and the next slice resumes from the blocks already staged.
 */
public class ImportFunction {

    @FunctionName("ImportSource")
    public void importSource(
            @QueueTrigger(name = "message", queueName = "%IMPORT_QUEUE%", connection = "AzureWebJobsStorage")
            String message) {
        FunctionsBackend.get().sourceImporter().handle(StorageQueueBus.bodyOf(message));
    }
}
