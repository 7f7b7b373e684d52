package com.contoso.media.devhost;

import com.contoso.media.app.Backend;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.events.EventType;
import com.contoso.media.events.OutboxRelay;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.messaging.InProcessTopic;
import com.contoso.media.messaging.MessagePump;
import com.contoso.media.reports.UsageProjection;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service Bus on one machine, shaped like the Bicep deployment: topic {@code media-events} (duplicate detection,
 * {@code DUPLICATE_DETECTION_MINUTES}), subscription {@code usage-report} with the same filter and max delivery count (10), and the
 * project's dead-letter queue. It also plays the Cosmos DB change feed: it polls the outbox and relays what it
 * finds. With {@code LOCAL_BUS_CHAOS=true} the subscription duplicates and reorders deliveries.
 */
final class LocalEventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);
    private static final int MAX_DELIVERY_COUNT = 10;
    private static final int RELAY_BATCH = 256;
    private static final int AGGREGATOR_BATCH = 32;
    /** 100 ms after events were found, doubling while the outbox stays empty, up to 800 ms. */
    private static final Duration BUSY_POLL = Duration.ofMillis(100);
    private static final int IDLE_STEPS = 3;

    private final InProcessTopic topic;
    private final InProcessQueue usageReport;
    private final InProcessQueue deadLetters;
    private final int aggregatorConcurrency;
    private final ScheduledExecutorService relayTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private MessagePump aggregator;
    private int idlePolls;

    LocalEventBus(Settings settings, Clock clock) {
        Optional<Random> chaos = Boolean.parseBoolean(settings.get(AppSetting.LOCAL_BUS_CHAOS))
                ? Optional.of(new Random()) : Optional.empty();
        this.topic = new InProcessTopic(Duration.ofMinutes(settings.getLong(AppSetting.DUPLICATE_DETECTION_MINUTES)), clock);
        this.usageReport = new InProcessQueue(settings.get(AppSetting.USAGE_SUBSCRIPTION),
                MAX_DELIVERY_COUNT, chaos);
        this.deadLetters = new InProcessQueue(settings.get(AppSetting.DEAD_LETTER_QUEUE),
                MAX_DELIVERY_COUNT, Optional.empty());
        this.aggregatorConcurrency = (int) settings.getLong(AppSetting.DEVHOST_AGGREGATOR_CONCURRENCY);
        topic.subscribe(message -> EventType.parse(message.subject()).map(UsageProjection::folds).orElse(false),
                usageReport);
    }

    InProcessTopic topic() {
        return topic;
    }

    InProcessQueue deadLetters() {
        return deadLetters;
    }

    InProcessQueue usageReport() {
        return usageReport;
    }

    void start(Backend backend) {
        OutboxRelay relay = backend.outboxRelay();
        relayTimer.execute(() -> relayAll(relay));
        aggregator = new MessagePump(usageReport, backend.usageAggregator()::fold, aggregatorConcurrency,
                AGGREGATOR_BATCH);
    }

    /**
     * Relays what the outbox holds, then looks again soon if it found something and less often while it finds
     * nothing: each look is a query across every tenant's partition, which Azurite answers by scanning the table,
     * and looking ten times a second when idle would compete with the API's own reads.
     */
    private void relayAll(OutboxRelay relay) {
        int relayed = 0;
        try {
            int batch;
            do {
                batch = relay.relayPending(RELAY_BATCH);
                relayed += batch;
            } while (batch == RELAY_BATCH);
        } catch (RuntimeException e) {
            LOG.warn("outbox relay failed, retrying on the next tick", e);
        }
        idlePolls = relayed > 0 ? 0 : Math.min(idlePolls + 1, IDLE_STEPS);
        if (!relayTimer.isShutdown()) {
            relayTimer.schedule(() -> relayAll(relay), BUSY_POLL.toMillis() << idlePolls, TimeUnit.MILLISECONDS);
        }
    }

    /** Returns once no relay or aggregator thread is running, so nothing writes to the data folder after it. */
    @Override
    public void close() {
        relayTimer.shutdownNow();
        try {
            relayTimer.awaitTermination(5, TimeUnit.SECONDS);
            if (aggregator != null) {
                aggregator.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
