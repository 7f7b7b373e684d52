package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.contoso.media.app.AzureBackend;
import com.contoso.media.app.AzureClients;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.json.Json;
import com.contoso.media.messaging.StorageQueueBus;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.StorageQueue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What `func start` with Azurite alone runs, read from the packaged function.json files and local.settings.json
 * (Core Tools cannot run here): every enabled trigger is one Azurite serves, the Cosmos DB and Service Bus triggers
 * are off and their queue/timer twins on, the twins' queue is the one the Storage-queue bus writes, and no Cosmos DB or
 * Service Bus endpoint is set, so the app selects the Table and Queue adapters. In Azure it is the other way round.
 */
class FuncStartWithAzuriteTest {

    /** Triggers Azurite and the host serve on their own: HTTP, timers, queues, Event Grid (posted by the script), Durable. */
    private static final Set<String> AZURITE_TRIGGERS = Set.of("httpTrigger", "timerTrigger", "queueTrigger",
            "eventGridTrigger", "orchestrationTrigger", "activityTrigger", "entityTrigger");

    @Test
    void withTheLocalSettingsEveryEnabledTriggerIsServedByAzurite() throws IOException {
        Map<String, String> local = localSettings();
        Set<String> enabled = new TreeSet<>();
        for (Map.Entry<String, JsonNode> function : PackagedFunctions.byName().entrySet()) {
            if ("true".equals(local.get("AzureWebJobs." + function.getKey() + ".Disabled"))) {
                continue;
            }
            enabled.add(function.getKey());
            assertThat(PackagedFunctions.trigger(function.getValue()).path("type").asText())
                    .as("trigger of %s", function.getKey()).isIn(AZURITE_TRIGGERS);
        }

        assertThat(enabled).contains("RelayOutboxTimer", "UsageAggregatorQueue", "StorageAggregatorQueue",
                        "WebhookDispatcherQueue", "WebhookSenderQueue", "UploadIntake", "CreateUpload", "CreateWebhook",
                        "GetStorageReport")
                .doesNotContain("RelayOutbox", "UsageAggregator", "StorageAggregator", "WebhookDispatcher",
                        "WebhookSender");
        assertThat(local.get("CosmosDb__accountEndpoint")).as("no Cosmos DB: Table adapters").isBlank();
        assertThat(local.get("ServiceBusConnection__fullyQualifiedNamespace")).as("no Service Bus: queues").isBlank();
    }

    /**
     * Every queue twin listens on a queue the Storage-queue bus writes, and a message the bus writes there reaches the
     * entry point intact once decoded as host.json tells the Storage Queues extension to (read raw from Azurite).
     */
    @Test
    void eachQueueTwinListensWhereTheAzuriteBusWritesAndDecodesWhatItWrites() throws IOException {
        Map<String, String> local = localSettings();
        String run = "funcstart" + UUID.randomUUID().toString().substring(0, 8);
        // The import queue of its own too, so no runtime of the other suites takes this test's message.
        Settings settings = new Settings(local).with(AppSetting.LOCAL_BUS_PREFIX, run)
                .with(AppSetting.IMPORT_QUEUE, run + "-imports");
        StorageQueue imports = AzureBackend.importQueue(settings, Clock.systemUTC());
        StorageQueueBus bus = new StorageQueueBus(AzureClients.queueService(settings), settings, Optional.empty(),
                Clock.systemUTC());
        Map<String, StorageQueue> written = Map.of(bus.usageReport().name(), bus.usageReport(),
                bus.storageReport().name(), bus.storageReport(), bus.webhooks().name(), bus.webhooks(),
                bus.webhookDeliveries().name(), bus.webhookDeliveries(), imports.name(), imports);
        JsonNode hostJson = Json.read(Files.readString(PackagedFunctions.ROOT.resolve("host.json")), JsonNode.class);
        String encoding = hostJson.path("extensions").path("queues").path("messageEncoding").asText("base64");
        Map<String, String> twins = new TreeMap<>();
        PackagedFunctions.byName().forEach((name, function) -> {
            JsonNode trigger = PackagedFunctions.trigger(function);
            if (trigger.path("type").asText().equals("queueTrigger")) {
                assertThat(trigger.path("connection").asText()).as(name).isEqualTo("AzureWebJobsStorage");
                twins.put(name, resolve(trigger.path("queueName").asText().replace("%LOCAL_BUS_PREFIX%",
                        settings.get(AppSetting.LOCAL_BUS_PREFIX)).replace("%IMPORT_QUEUE%",
                        settings.get(AppSetting.IMPORT_QUEUE)), local));
            }
        });

        // ImportSource is no twin (the import queue is a Storage queue in Azure too), but it reads what the same
        // sender writes, so it is checked the same way.
        assertThat(twins).containsOnlyKeys("UsageAggregatorQueue", "StorageAggregatorQueue", "WebhookDispatcherQueue",
                "WebhookSenderQueue", "ImportSource");
        QueueServiceClient raw = new QueueServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
                .buildClient();
        for (Map.Entry<String, String> twin : twins.entrySet()) {
            StorageQueue queue = written.get(twin.getValue());
            assertThat(queue).as(twin.getKey() + " listens on " + twin.getValue()).isNotNull();
            String body = "{\"twin\":\"" + twin.getKey() + "\"}";
            queue.send(List.of(new BusMessage("m-" + twin.getKey(), "media.upload.accepted", Map.of(), body)));
            String text = raw.getQueueClient(twin.getValue()).receiveMessage().getBody().toString();
            String asTheHostHandsItOver = encoding.equals("none") ? text
                    : new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            assertThat(StorageQueueBus.bodyOf(asTheHostHandsItOver)).as(twin.getKey()).isEqualTo(body);
        }
    }

    @Test
    void inAzureTheTwinsAreOffAndTheRealTriggersOn() throws IOException {
        String bicep = Files.readString(PackagedFunctions.ROOT.resolve("bicep/modules/functionapp.bicep"));

        assertThat(bicep).contains("'AzureWebJobs.RelayOutboxTimer.Disabled': 'true'",
                "'AzureWebJobs.UsageAggregatorQueue.Disabled': 'true'",
                "'AzureWebJobs.StorageAggregatorQueue.Disabled': 'true'",
                "'AzureWebJobs.WebhookDispatcherQueue.Disabled': 'true'",
                "'AzureWebJobs.WebhookSenderQueue.Disabled': 'true'")
                .doesNotContain("AzureWebJobs.RelayOutbox.Disabled", "AzureWebJobs.UsageAggregator.Disabled",
                        "AzureWebJobs.StorageAggregator.Disabled", "AzureWebJobs.WebhookDispatcher.Disabled",
                        "AzureWebJobs.WebhookSender.Disabled");
    }

    private static Map<String, String> localSettings() throws IOException {
        JsonNode values = Json.read(Files.readString(PackagedFunctions.ROOT.resolve("local.settings.json")), JsonNode.class)
                .path("Values");
        Map<String, String> settings = new HashMap<>();
        values.fields().forEachRemaining(entry -> settings.put(entry.getKey(), entry.getValue().asText()));
        return settings;
    }

    /** A binding expression's %SETTING% parts replaced by their values. */
    private static String resolve(String expression, Map<String, String> settings) {
        String resolved = expression;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            resolved = resolved.replace("%" + setting.getKey() + "%", setting.getValue());
        }
        return resolved;
    }
}
