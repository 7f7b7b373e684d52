package com.contoso.media.functions;

import com.contoso.media.app.AzureBackend;
import com.contoso.media.messaging.StorageQueueBus;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.CosmosDBTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import java.util.List;

/**
 * The event pipeline: the outbox relay (Cosmos DB change feed of the uploads container → topic), the usage
 * aggregator (subscription → reports container), and the webhook dispatcher (subscription → one delivery record
 * and attempt message per matching endpoint) and sender (attempt message → one signed HTTP call). All are
 * at-least-once and the effects are idempotent.
 */
public class EventFunctions {

    private static final int RELAY_BATCH = 256;

    /**
     * Publishes the outbox documents among the changed documents, then deletes them. It retries forever with
     * backoff: the change feed does not advance past a failed batch while retries last, and a published event
     * must never be skipped (Service Bus down means events wait, they are not lost). With no leases yet (a new
     * deployment, or a function that was disabled) it starts from the beginning of the change feed, which holds
     * every outbox document still present, i.e. exactly the unpublished ones.
     */
    @FunctionName("RelayOutbox")
    @ExponentialBackoffRetry(maxRetryCount = -1, minimumInterval = "00:00:02", maximumInterval = "00:05:00")
    public void relayOutbox(
            @CosmosDBTrigger(name = "documents", databaseName = "%COSMOS_DATABASE%",
                    containerName = "%COSMOS_UPLOADS_CONTAINER%", leaseContainerName = "%COSMOS_LEASES_CONTAINER%",
                    connection = "CosmosDb", createLeaseContainerIfNotExists = false, startFromBeginning = true,
                    dataType = "string") String documents) {
        FunctionsBackend.get().outboxRelay().relay(AzureBackend.outboxEventsIn(documents));
    }

    /**
     * Returning completes the batch; throwing makes the host abandon it for redelivery (a Java trigger cannot
     * settle single messages), which the exactly-once fold makes harmless. Poison messages never throw: they are
     * written to the dead-letter queue with their reason first.
     */
    @FunctionName("UsageAggregator")
    public void usageAggregator(
            @ServiceBusTopicTrigger(name = "messages", topicName = "%SERVICEBUS_TOPIC%",
                    subscriptionName = "%USAGE_SUBSCRIPTION%", connection = "ServiceBusConnection",
                    cardinality = Cardinality.MANY, dataType = "string") List<String> messages) {
        FunctionsBackend.get().usageAggregator().fold(messages);
    }

    /** The storage report: the latest version of each upload wins (docs/events-and-reports.md). */
    @FunctionName("StorageAggregator")
    public void storageAggregator(
            @ServiceBusTopicTrigger(name = "messages", topicName = "%SERVICEBUS_TOPIC%",
                    subscriptionName = "%STORAGE_SUBSCRIPTION%", connection = "ServiceBusConnection",
                    cardinality = Cardinality.MANY, dataType = "string") List<String> messages) {
        FunctionsBackend.get().storageAggregator().fold(messages);
    }

    /** Fans each event out to the tenant's matching webhook endpoints; returning completes the batch. */
    @FunctionName("WebhookDispatcher")
    public void webhookDispatcher(
            @ServiceBusTopicTrigger(name = "messages", topicName = "%SERVICEBUS_TOPIC%",
                    subscriptionName = "%WEBHOOKS_SUBSCRIPTION%", connection = "ServiceBusConnection",
                    cardinality = Cardinality.MANY, dataType = "string") List<String> messages) {
        FunctionsBackend.get().webhookDispatcher().dispatch(messages);
    }

    /**
     * One webhook attempt per message, so a slow endpoint occupies one of the host's concurrent calls (host.json)
     * for at most the webhook timeout. A failed attempt schedules its own retry and returns; only an unexpected
     * error throws, and Service Bus redelivers, then dead-letters after its max delivery count.
     */
    @FunctionName("WebhookSender")
    public void webhookSender(
            @ServiceBusQueueTrigger(name = "message", queueName = "%WEBHOOK_DELIVERIES_QUEUE%",
                    connection = "ServiceBusConnection", dataType = "string") String message) {
        FunctionsBackend.get().webhookSender().attempt(message);
    }

    /**
     * {@code func start} with Azurite alone: the change feed's stand-in polls the outbox (disabled in Azure, where
     * RelayOutbox runs on the change feed).
     */
    @FunctionName("RelayOutboxTimer")
    public void relayOutboxTimer(
            @TimerTrigger(name = "timer", schedule = "%LOCAL_OUTBOX_RELAY_SCHEDULE%") String timer) {
        FunctionsBackend.get().outboxRelay().relayAllPending(RELAY_BATCH);
    }

    /**
     * {@code func start} with Azurite alone: the usage-report subscription is a Storage queue (disabled in Azure,
     * where UsageAggregator takes the Service Bus subscription). Throwing makes the host retry the message; after
     * {@code maxDequeueCount} (host.json) it moves it to the {@code -poison} queue, which re-drive reads.
     */
    @FunctionName("UsageAggregatorQueue")
    public void usageAggregatorQueue(
            @QueueTrigger(name = "message", queueName = "%LOCAL_BUS_PREFIX%-%USAGE_SUBSCRIPTION%",
                    connection = "AzureWebJobsStorage") String message) {
        FunctionsBackend.get().usageAggregator().fold(List.of(StorageQueueBus.bodyOf(message)));
    }

    /** {@code func start} with Azurite alone: the storage-report subscription is a Storage queue. */
    @FunctionName("StorageAggregatorQueue")
    public void storageAggregatorQueue(
            @QueueTrigger(name = "message", queueName = "%LOCAL_BUS_PREFIX%-%STORAGE_SUBSCRIPTION%",
                    connection = "AzureWebJobsStorage") String message) {
        FunctionsBackend.get().storageAggregator().fold(List.of(StorageQueueBus.bodyOf(message)));
    }

    /** {@code func start} with Azurite alone: the webhooks subscription is a Storage queue. */
    @FunctionName("WebhookDispatcherQueue")
    public void webhookDispatcherQueue(
            @QueueTrigger(name = "message", queueName = "%LOCAL_BUS_PREFIX%-%WEBHOOKS_SUBSCRIPTION%",
                    connection = "AzureWebJobsStorage") String message) {
        FunctionsBackend.get().webhookDispatcher().dispatch(List.of(StorageQueueBus.bodyOf(message)));
    }

    /** {@code func start} with Azurite alone: webhook attempts on a Storage queue, retries invisible until due. */
    @FunctionName("WebhookSenderQueue")
    public void webhookSenderQueue(
            @QueueTrigger(name = "message", queueName = "%LOCAL_BUS_PREFIX%-%WEBHOOK_DELIVERIES_QUEUE%",
                    connection = "AzureWebJobsStorage") String message) {
        FunctionsBackend.get().webhookSender().attempt(StorageQueueBus.bodyOf(message));
    }
}
