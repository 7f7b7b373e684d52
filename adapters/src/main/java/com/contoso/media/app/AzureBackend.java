package com.contoso.media.app;

import com.azure.cosmos.CosmosDatabase;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import com.azure.storage.blob.BlobServiceClient;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.OutboxBatch;
import com.contoso.media.intake.FfmpegMediaProbe;
import com.contoso.media.json.Json;
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
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;

/** Builds the {@link Backend} over Azure: Blob Storage, Cosmos DB, Service Bus, managed identity. */
public final class AzureBackend {

    private AzureBackend() {
    }

    /**
     * The events among a batch of the uploads container's change feed (the RelayOutbox trigger's input): the shape
     * of those documents is the Cosmos adapter's business, not the entry point's.
     */
    public static OutboxBatch outboxEventsIn(String changeFeedBatch) {
        return CosmosUploadRepository.outboxEvents(Json.read(changeFeedBatch, JsonNode.class));
    }

    public static Backend create(Settings settings) {
        Clock clock = Clock.systemUTC();
        BlobServiceClient blobs = AzureClients.blobService(settings);
        SasSigner signer = AzureClients.storageConnectionString(settings).isPresent()
                ? new AccountKeySasSigner()
                : new UserDelegationSasSigner(blobs, clock);
        CosmosDatabase database = AzureClients.cosmos(settings).getDatabase(settings.get(AppSetting.COSMOS_DATABASE));
        CosmosUploadRepository uploads = new CosmosUploadRepository(
                database.getContainer(settings.get(AppSetting.COSMOS_UPLOADS_CONTAINER)));
        CosmosReportStore reports = new CosmosReportStore(
                database.getContainer(settings.get(AppSetting.COSMOS_REPORTS_CONTAINER)),
                ReportSettings.from(settings).idempotencyTtl());
        ServiceBusClientBuilder serviceBus = AzureClients.serviceBus(settings);
        String topicName = settings.get(AppSetting.SERVICE_BUS_TOPIC);
        String deadLetterQueue = settings.get(AppSetting.DEAD_LETTER_QUEUE);
        MessageSender topic = new ServiceBusMessageSender(serviceBus.sender().topicName(topicName).buildClient(),
                CloudEventCodec.CONTENT_TYPE);
        MessageSender deadLetters = new ServiceBusMessageSender(serviceBus.sender().queueName(deadLetterQueue)
                .buildClient(), CloudEventCodec.CONTENT_TYPE);
        DeadLetterQueue subscriptionDeadLetters = new ServiceBusDeadLetterQueue(serviceBus.receiver()
                .topicName(topicName).subscriptionName(settings.get(AppSetting.USAGE_SUBSCRIPTION))
                .subQueue(SubQueue.DEAD_LETTER_QUEUE).receiveMode(ServiceBusReceiveMode.PEEK_LOCK)
                .disableAutoComplete().buildClient());
        DeadLetterQueue deadLetterStore = new ServiceBusDeadLetterQueue(serviceBus.receiver()
                .queueName(deadLetterQueue).receiveMode(ServiceBusReceiveMode.PEEK_LOCK).disableAutoComplete()
                .buildClient());
        return new Backend(settings, Backend.Ports.builder()
                .uploadRecords(uploads)
                .mediaStore(new BlobMediaStore(blobs, signer, clock))
                .mediaProbe(new FfmpegMediaProbe(settings.find(AppSetting.FFMPEG_PATH)))
                .reportStore(reports)
                .eventTopic(topic)
                .deadLetterQueue(deadLetters, deadLetterStore)
                .subscriptionDeadLetters(subscriptionDeadLetters)
                .build(), clock);
    }
}
