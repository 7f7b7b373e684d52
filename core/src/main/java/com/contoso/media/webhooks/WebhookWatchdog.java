package com.contoso.media.webhooks;

import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No webhook delivery stays pending for good: an attempt message can be lost in a way the queue does not repair
 * (parked as poison after its deliveries ran out while a store was down, or expired). A pending delivery whose next
 * attempt is more than {@link #OVERDUE} past due gets its attempt queued again. A copy of a message that still
 * exists is harmless: the sender makes an attempt only once per number.
 */
public final class WebhookWatchdog {

    static final String NAME = "WebhookWatchdog";
    /** Far longer than an attempt waits in a healthy queue, including a later event waiting for an earlier one. */
    static final Duration OVERDUE = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookWatchdog.class);

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;
    private final JobSettings settings;
    private final Clock clock;

    public WebhookWatchdog(WebhookStore store, WebhookDispatcher dispatcher, JobSettings settings, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
    }

    public JobSummary run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<WebhookDelivery> overdue = store.overdue(now.minus(OVERDUE), settings.batchSize());
        int requeued = 0;
        int failed = 0;
        for (WebhookDelivery delivery : overdue) {
            try {
                dispatcher.queueAttempt(delivery, now);
                LOG.warn("re-queued attempt {} of webhook delivery {} of {}, due since {}", delivery.nextAttempt(),
                        delivery.id(), delivery.tenantId(), delivery.nextAttemptAt().orElse(null));
                requeued++;
            } catch (RuntimeException e) {
                LOG.warn("could not re-queue webhook delivery {}", delivery.id(), e);
                failed++;
            }
        }
        JobSummary summary = new JobSummary(NAME, overdue.size(), requeued, failed,
                overdue.size() == settings.batchSize(), (System.nanoTime() - started) / 1_000_000);
        LOG.info(Json.write(summary));
        return summary;
    }
}
