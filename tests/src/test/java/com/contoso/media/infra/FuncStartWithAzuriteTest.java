package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.json.Json;
import com.contoso.media.messaging.AzuriteBus;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What `func start` with Azurite alone runs, read from the packaged function.json files and local.settings.json
 * (Core Tools cannot run here): every enabled trigger is one Azurite serves, the Cosmos DB and Service Bus triggers
 * are off and their queue/timer twins on, the twins' queue is the one the Azurite bus writes, and no Cosmos DB or
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

        assertThat(enabled).contains("RelayOutboxTimer", "UsageAggregatorQueue", "UploadIntake", "CreateUpload")
                .doesNotContain("RelayOutbox", "UsageAggregator");
        assertThat(local.get("CosmosDb__accountEndpoint")).as("no Cosmos DB: Table adapters").isBlank();
        assertThat(local.get("ServiceBusConnection__fullyQualifiedNamespace")).as("no Service Bus: queues").isBlank();
    }

    @Test
    void theQueueTwinListensWhereTheAzuriteBusWrites() throws IOException {
        Map<String, String> local = localSettings();
        JsonNode trigger = PackagedFunctions.trigger(PackagedFunctions.byName().get("UsageAggregatorQueue"));

        String queueName = resolve(trigger.path("queueName").asText(), local);

        assertThat(queueName).isEqualTo(AzuriteBus.usageReportQueue(new Settings(local)));
        assertThat(trigger.path("connection").asText()).isEqualTo("AzureWebJobsStorage");
        JsonNode hostJson = Json.read(Files.readString(PackagedFunctions.ROOT.resolve("host.json")), JsonNode.class);
        assertThat(hostJson.path("extensions").path("queues").path("messageEncoding").asText())
                .as("the relay writes the CloudEvent envelope as plain text; the trigger's default is base64")
                .isEqualTo("none");
    }

    @Test
    void inAzureTheTwinsAreOffAndTheRealTriggersOn() throws IOException {
        String bicep = Files.readString(PackagedFunctions.ROOT.resolve("bicep/modules/functionapp.bicep"));

        assertThat(bicep).contains("'AzureWebJobs.RelayOutboxTimer.Disabled': 'true'",
                "'AzureWebJobs.UsageAggregatorQueue.Disabled': 'true'")
                .doesNotContain("AzureWebJobs.RelayOutbox.Disabled", "AzureWebJobs.UsageAggregator.Disabled");
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
