package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the queue-triggered aggregator is handed, and where it listens. */
class AzuriteBusTest {

    @Test
    void theQueueTriggerGetsBackTheCloudEventTheTopicSent() {
        BusMessage sent = new BusMessage("e1", "media.upload.accepted", Map.of("tenantid", "t1"), "{\"id\":\"e1\"}");

        String queueMessage = StorageQueue.encode(sent, Instant.parse("2026-12-03T10:00:00Z"));

        assertThat(StorageQueueBus.bodyOf(queueMessage)).isEqualTo("{\"id\":\"e1\"}");
        assertThat(StorageQueue.decode(queueMessage)).isEqualTo(sent);
    }

    @Test
    void theSubscriptionQueueIsNamedFromThePrefixAndTheSubscription() {
        assertThat(StorageQueueBus.usageReportQueue(new Settings(Map.of()))).isEqualTo("local-usage-report");
        assertThat(StorageQueueBus.usageReportQueue(new Settings(Map.of("LOCAL_BUS_PREFIX", "dev2"))))
                .isEqualTo("dev2-usage-report");
    }
}
