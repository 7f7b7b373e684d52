package com.contoso.media.webhooks;

import com.contoso.media.config.Settings;
import com.contoso.media.jobs.JobFixtures;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookWatchdogTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private final InMemoryWebhookStore store = new InMemoryWebhookStore();
    private final List<BusMessage> queued = new ArrayList<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(store, (message, at) -> queued.add(message),
            messages -> { }, WebhookSettings.from(new Settings(Map.of())), clock, Telemetry.none());
    private final WebhookWatchdog watchdog = new WebhookWatchdog(store, dispatcher, JobFixtures.settings(200), clock);

    private WebhookDelivery pending(String event, Instant due) {
        WebhookDelivery delivery = WebhookDelivery.pending("t", "ep", event, "media.upload.accepted",
                Optional.of("u"), 2, "{}", 7, due);
        store.createDelivery(delivery);
        return delivery;
    }

    @Test
    void aDeliveryPendingLongPastItsDueAttemptIsQueuedAgainAndNothingElse() {
        WebhookDelivery lost = pending("lost", NOW.minus(Duration.ofHours(2)));
        pending("due-just-now", NOW.minusSeconds(30));
        WebhookDelivery done = pending("done", NOW.minus(Duration.ofHours(3)));
        store.replaceDelivery(store.findDelivery("t", done.id()).orElseThrow().attempted(
                new WebhookDelivery.Attempt(1, NOW, Optional.of(200), 1, Optional.empty(), false), true,
                Optional.empty()));

        JobSummary summary = watchdog.run();

        assertThat(summary.changed()).isEqualTo(1);
        assertThat(queued).extracting(BusMessage::messageId).containsExactly(lost.id() + "-1");
    }

    @Test
    void withNothingOverdueItDoesNothing() {
        pending("fresh", NOW);

        assertThat(watchdog.run().examined()).isZero();
        assertThat(queued).isEmpty();
    }
}
