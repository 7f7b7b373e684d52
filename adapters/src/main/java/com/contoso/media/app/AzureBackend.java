package com.contoso.media.app;

import com.azure.cosmos.CosmosDatabase;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import com.azure.storage.blob.BlobServiceClient;
import com.contoso.media.blobs.AccountKeySasSigner;
import com.contoso.media.blobs.BlobMediaStore;
import com.contoso.media.blobs.SasSigner;
import com.contoso.media.blobs.UserDelegationSasSigner;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.LocalOnlySettings;
import com.contoso.media.config.Settings;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.OutboxBatch;
import com.contoso.media.fairuse.CosmosTenantLedgerStore;
import com.contoso.media.fairuse.TableTenantLedgerStore;
import com.contoso.media.ffmpeg.Ffmpeg;
import com.contoso.media.ffmpeg.FfmpegMediaProbe;
import com.contoso.media.imports.ImportSettings;
import com.contoso.media.imports.OkHttpSourceClient;
import com.contoso.media.json.Json;
import com.contoso.media.messaging.DeadLetterQueue;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.messaging.ServiceBusDeadLetterQueue;
import com.contoso.media.messaging.ServiceBusMessageSender;
import com.contoso.media.messaging.StorageQueue;
import com.contoso.media.messaging.StorageQueueBus;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.secrets.KeyFile;
import com.contoso.media.secrets.KeyVaultKeyWrapping;
import com.contoso.media.secrets.KeyWrapping;
import com.contoso.media.storagereport.CosmosStorageReportStore;
import com.contoso.media.storagereport.TableStorageReportStore;
import com.contoso.media.telemetry.TelemetryExport;
import com.contoso.media.tenants.CosmosTenantRegistryStore;
import com.contoso.media.tenants.TableTenantRegistryStore;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.CosmosUploadRepository;
import com.contoso.media.uploads.TableUploadRepository;
import com.contoso.media.usagereport.CosmosReportStore;
import com.contoso.media.usagereport.ReportSettings;
import com.contoso.media.usagereport.TableReportStore;
import com.contoso.media.webhooks.CosmosWebhookStore;
import com.contoso.media.webhooks.OkHttpWebhookTransport;
import com.contoso.media.webhooks.TableWebhookStore;
import com.contoso.media.webhooks.WebhookSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The Function App's backend. Without a Cosmos DB endpoint the records and reports live in Table storage, and
     * without a Service Bus namespace the events travel on Storage queues: so {@code func start} with Azurite alone
     * runs the whole pipeline (docs/func-start.md). {@code ffmpeg} is the process's one ffmpeg (its loopback
     * endpoint is shared by the probe and the transcoding activities).
     */
    public static Backend create(Settings settings, Ffmpeg ffmpeg) {
        LocalOnlySettings.requireNoneInAzure(settings);
        Clock clock = Clock.systemUTC();
        Backend.Ports.Builder ports = storagePorts(settings, AzureClients.blobService(settings), ffmpeg, clock);
        if (settings.find(AppSetting.COSMOS_ENDPOINT).isPresent()) {
            cosmos(ports, settings);
        } else {
            tablePorts(ports, settings, clock);
        }
        if (settings.find(AppSetting.SERVICE_BUS_NAMESPACE).isPresent()) {
            serviceBus(ports, settings);
        } else {
            queuePorts(ports, new StorageQueueBus(AzureClients.queueService(settings), settings, Optional.empty(), clock));
        }
        webhookPorts(ports, settings);
        importPorts(ports, settings, importQueue(settings, clock));
        return new Backend(settings, ports.build(), clock, Telemetry.of(TelemetryExport.from(settings)));
    }

    /**
     * The import queue: a Storage queue in Azure and locally alike (the ImportSource function's trigger), so a
     * slice's message may stay invisible while it runs and come back when a process dies.
     */
    public static StorageQueue importQueue(Settings settings, Clock clock) {
        return new StorageQueue(AzureClients.queueService(settings).getQueueClient(
                settings.get(AppSetting.IMPORT_QUEUE)), StorageQueueBus.VISIBILITY, clock);
    }

    /** Imports from a URL: OkHttp behind the outbound guard with the import settings, and their queue. */
    public static Backend.Ports.Builder importPorts(Backend.Ports.Builder ports, Settings settings,
                                                   StorageQueue queue) {
        ImportSettings imports = ImportSettings.from(settings);
        return ports.sourceImports(new OkHttpSourceClient(imports.urlGuard(OutboundUrlGuard.SYSTEM_DNS),
                imports.stallWindow(), imports.trustedCertFile().map(Path::of)), queue);
    }

    /**
     * Blob Storage (account-key SAS on Azurite, user-delegation SAS with managed identity) and the ffmpeg probe,
     * which reads blobs through the same SDK client (never a SAS) under {@code PROBE_TIMEOUT_SECONDS}.
     */
    public static Backend.Ports.Builder storagePorts(Settings settings, BlobServiceClient blobs, Ffmpeg ffmpeg,
                                                     Clock clock) {
        SasSigner signer = AzureClients.storageConnectionString(settings).isPresent()
                ? new AccountKeySasSigner()
                : new UserDelegationSasSigner(blobs, clock);
        BlobMediaStore store = new BlobMediaStore(blobs, signer, clock);
        return Backend.Ports.builder()
                .mediaStore(store)
                .mediaProbe(new FfmpegMediaProbe(store, ffmpeg.withTimeLimit(
                        Duration.ofSeconds(settings.getLong(AppSetting.PROBE_TIMEOUT_SECONDS)))));
    }

    /**
     * Upload records with their outbox, the usage and storage reports, the webhooks, the tenants' ledgers and the tenant registry in Table storage: the
     * Azurite stand-ins for Cosmos DB.
     */
    public static Backend.Ports.Builder tablePorts(Backend.Ports.Builder ports, Settings settings, Clock clock) {
        return ports.uploadRecords(new TableUploadRepository(AzureClients.table(settings, AppSetting.UPLOADS_TABLE)))
                .reportStore(new TableReportStore(AzureClients.table(settings, AppSetting.REPORTS_TABLE),
                        ReportSettings.from(settings).idempotencyTtl(), clock))
                .webhookStore(new TableWebhookStore(AzureClients.table(settings, AppSetting.WEBHOOKS_TABLE)))
                .storageReportStore(new TableStorageReportStore(AzureClients.table(settings, AppSetting.STORAGE_TABLE)))
                .tenantLedgers(new TableTenantLedgerStore(AzureClients.table(settings, AppSetting.LEDGERS_TABLE)))
                .tenantRegistry(new TableTenantRegistryStore(AzureClients.table(settings, AppSetting.TENANTS_TABLE)));
    }

    /** The topic, the webhook-deliveries queue and the dead-letter queues on Storage queues: Service Bus' stand-ins. */
    public static Backend.Ports.Builder queuePorts(Backend.Ports.Builder ports, StorageQueueBus bus) {
        return ports.eventTopic(bus.topic()).deadLetterQueue(bus.deadLetters(), bus.deadLetterStore())
                .subscriptionDeadLetters(bus.subscriptionDeadLetters())
                .webhookAttempts(bus.webhookDeliveries());
    }

    /**
     * Webhook calls over OkHttp, behind the same SSRF guard the services use; signing secrets sealed under the Key
     * Vault key when one is configured (Azure), else under the local key file (Azurite only).
     */
    public static Backend.Ports.Builder webhookPorts(Backend.Ports.Builder ports, Settings settings) {
        WebhookSettings webhooks = WebhookSettings.from(settings);
        KeyWrapping keys = settings.find(AppSetting.WEBHOOK_SECRETS_KEY_ID)
                .<KeyWrapping>map(keyId -> new KeyVaultKeyWrapping(keyId, AzureClients.credential(settings)))
                .orElseGet(() -> KeyFile.loadOrCreate(Path.of(settings.get(AppSetting.WEBHOOK_SECRETS_KEY_FILE))));
        return ports.webhookTransport(new OkHttpWebhookTransport(
                webhooks.urlGuard(OutboundUrlGuard.SYSTEM_DNS), webhooks.timeout())).keyWrapping(keys);
    }

    private static void cosmos(Backend.Ports.Builder ports, Settings settings) {
        CosmosDatabase database = AzureClients.cosmos(settings).getDatabase(settings.get(AppSetting.COSMOS_DATABASE));
        ports.uploadRecords(new CosmosUploadRepository(
                        database.getContainer(settings.get(AppSetting.COSMOS_UPLOADS_CONTAINER))))
                .reportStore(new CosmosReportStore(database.getContainer(settings.get(AppSetting.COSMOS_REPORTS_CONTAINER)),
                        ReportSettings.from(settings).idempotencyTtl()))
                .webhookStore(new CosmosWebhookStore(database.getContainer(
                        settings.get(AppSetting.COSMOS_WEBHOOKS_CONTAINER)), WebhookSettings.from(settings).deliveryTtl()))
                .storageReportStore(new CosmosStorageReportStore(database.getContainer(
                        settings.get(AppSetting.COSMOS_STORAGE_CONTAINER))))
                .tenantLedgers(new CosmosTenantLedgerStore(database.getContainer(
                        settings.get(AppSetting.COSMOS_LEDGERS_CONTAINER))))
                .tenantRegistry(new CosmosTenantRegistryStore(database.getContainer(
                        settings.get(AppSetting.COSMOS_TENANTS_CONTAINER))));
    }

    private static void serviceBus(Backend.Ports.Builder ports, Settings settings) {
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
        ServiceBusMessageSender webhookAttempts = new ServiceBusMessageSender(serviceBus.sender()
                .queueName(settings.get(AppSetting.WEBHOOK_DELIVERIES_QUEUE)).buildClient(), "application/json");
        ports.eventTopic(topic).deadLetterQueue(deadLetters, deadLetterStore).subscriptionDeadLetters(subscriptionDeadLetters)
                .webhookAttempts(webhookAttempts);
    }
}
