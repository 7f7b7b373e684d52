package com.contoso.media.app;

import com.azure.cosmos.CosmosDatabase;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import com.azure.storage.blob.BlobServiceClient;
import com.contoso.media.config.Settings;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.intake.FfmpegMediaProbe;
import com.contoso.media.messaging.DeadLetterQueue;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.messaging.ServiceBusDeadLetterQueue;
import com.contoso.media.messaging.ServiceBusMessageSender;
import com.contoso.media.reports.CosmosReportStore;
import com.contoso.media.reports.ReportSettings;
import com.contoso.media.storage.AccountKeySasSigner;
import com.contoso.media.storage.BlobMediaStore;
import com.contoso.media.storage.SasSigner;
import com.contoso.media.storage.UserDelegationSasSigner;
import com.contoso.media.uploads.CosmosUploadRepository;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;

/** Builds the {@link Backend} over Azure: Blob Storage, Cosmos DB, Service Bus, managed identity. */
public final class AzureBackend {

    private AzureBackend() {
    }

    /**
     * The events among a batch of the uploads container's change feed (the RelayOutbox trigger's input): the shape
     * of those documents is the Cosmos adapter's business, not the entry point's.
     */
    public static List<UploadEvent> outboxEventsIn(String changeFeedBatch) {
        return CosmosUploadRepository.outboxEvents(Json.read(changeFeedBatch, JsonNode.class));
    }

    public static Backend create(Settings settings) {
        Clock clock = Clock.systemUTC();
        BlobServiceClient blobs = AzureClients.blobService(settings);
        SasSigner signer = AzureClients.storageConnectionString(settings).isPresent()
                ? new AccountKeySasSigner()
                : new UserDelegationSasSigner(blobs, clock);
        CosmosDatabase database = AzureClients.cosmos(settings).getDatabase(settings.get("COSMOS_DATABASE", "media"));
        CosmosUploadRepository uploads = new CosmosUploadRepository(
                database.getContainer(settings.get("COSMOS_UPLOADS_CONTAINER", "uploads")));
        CosmosReportStore reports = new CosmosReportStore(
                database.getContainer(settings.get("COSMOS_REPORTS_CONTAINER", "reports")),
                ReportSettings.from(settings).idempotencyTtl());
        ServiceBusClientBuilder serviceBus = AzureClients.serviceBus(settings);
        String topicName = settings.get("SERVICEBUS_TOPIC", "media-events");
        String deadLetterQueue = settings.get("DEADLETTER_QUEUE", "media-events-deadletter");
        MessageSender topic = new ServiceBusMessageSender(serviceBus.sender().topicName(topicName).buildClient(),
                CloudEventCodec.CONTENT_TYPE);
        MessageSender deadLetters = new ServiceBusMessageSender(serviceBus.sender().queueName(deadLetterQueue)
                .buildClient(), CloudEventCodec.CONTENT_TYPE);
        DeadLetterQueue subscriptionDeadLetters = new ServiceBusDeadLetterQueue(serviceBus.receiver()
                .topicName(topicName).subscriptionName(settings.get("USAGE_SUBSCRIPTION", "usage-report"))
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete().buildClient());
        DeadLetterQueue deadLetterStore = new ServiceBusDeadLetterQueue(serviceBus.receiver()
                .queueName(deadLetterQueue).receiveMode(ServiceBusReceiveMode.PEEK_LOCK).disableAutoComplete()
                .buildClient());
        return new Backend(settings, Backend.Ports.builder()
                .uploadRecords(uploads)
                .mediaStore(new BlobMediaStore(blobs, signer, clock))
                .mediaProbe(new FfmpegMediaProbe(settings.find("FFMPEG_PATH")))
                .reportStore(reports)
                .eventTopic(topic)
                .deadLetterQueue(deadLetters, deadLetterStore)
                .subscriptionDeadLetters(subscriptionDeadLetters)
                .build(), clock);
    }
}
