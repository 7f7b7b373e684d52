package com.contoso.media.devhost;

import com.azure.storage.queue.QueueServiceClient;
import com.contoso.media.app.AzureBackend;
import com.contoso.media.app.AzureClients;
import com.contoso.media.app.Backend;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.events.OutboxRelay;
import com.contoso.media.imports.SourceImporter;
import com.contoso.media.messaging.StorageQueue;
import com.contoso.media.messaging.StorageQueueBus;
import com.contoso.media.webhooks.WebhookSender;
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
 * Service Bus on one machine, on Azurite's queues ({@link StorageQueueBus}): the topic sends each event to the
 * {@code usage-report}, {@code storage-report} and {@code webhooks} subscriptions' queues when their filters take it; {@link QueuePump}s
 * consume them, and the webhook-deliveries queue, with a max delivery count (10) and their poison queues; the
 * project's dead-letter queue is a queue too. Webhook attempts are taken one at a time by several receivers, so a
 * slow endpoint holds up one receiver for at most the webhook timeout, never the others. Nothing in
 * flight lives in this process, so a killed runtime loses no event: unsettled messages reappear after their
 * visibility timeout. It also plays the Cosmos DB change feed: it polls the outbox and relays what it finds. And it
 * consumes the import queue (a Storage queue in Azure too), one slice of a fetch per message, as the ImportSource
 * function does. With
 * {@code LOCAL_BUS_CHAOS=true} about one message in five is delivered twice.
 */
final class LocalEventBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);
    private static final int MAX_DELIVERY_COUNT = 10;
    private static final int RELAY_BATCH = 256;
    private static final int AGGREGATOR_BATCH = 32;
    private static final int WEBHOOK_SENDERS = 8;
    private static final int IMPORT_FETCHERS = 4;
    /** 100 ms after events were found, doubling while the outbox stays empty, up to 800 ms. */
    private static final Duration BUSY_POLL = Duration.ofMillis(100);
    private static final int IDLE_STEPS = 3;

    private final StorageQueueBus bus;
    private final StorageQueue importQueue;
    private final StorageQueue importPoison;
    private final int aggregatorConcurrency;
    private final ScheduledExecutorService relayTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private QueuePump aggregator;
    private QueuePump storageAggregator;
    private QueuePump webhookDispatcher;
    private QueuePump webhookSender;
    private QueuePump importer;
    private int idlePolls;

    LocalEventBus(Settings settings, Clock clock) {
        Optional<Random> chaos = Boolean.parseBoolean(settings.get(AppSetting.LOCAL_BUS_CHAOS))
                ? Optional.of(new Random()) : Optional.empty();
        QueueServiceClient queues = AzureClients.queueService(settings);
        this.bus = new StorageQueueBus(queues, settings, chaos, clock);
        this.importQueue = AzureBackend.importQueue(settings, clock);
        this.importPoison = new StorageQueue(queues.getQueueClient(importQueue.name() + "-poison"),
                StorageQueueBus.VISIBILITY, clock);
        this.aggregatorConcurrency = (int) settings.getLong(AppSetting.DEVHOST_AGGREGATOR_CONCURRENCY);
    }

    StorageQueueBus queues() {
        return bus;
    }

    StorageQueue importQueue() {
        return importQueue;
    }

    void start(Backend backend) {
        OutboxRelay relay = backend.outboxRelay();
        relayTimer.execute(() -> relayAll(relay));
        aggregator = new QueuePump(bus.usageReport(), bus.usageReportPoison(), MAX_DELIVERY_COUNT,
                backend.usageAggregator()::fold, aggregatorConcurrency, AGGREGATOR_BATCH);
        storageAggregator = new QueuePump(bus.storageReport(), bus.storageReportPoison(), MAX_DELIVERY_COUNT,
                backend.storageAggregator()::fold, aggregatorConcurrency, AGGREGATOR_BATCH);
        webhookDispatcher = new QueuePump(bus.webhooks(), bus.webhooksPoison(), MAX_DELIVERY_COUNT,
                backend.webhookDispatcher()::dispatch, 1, AGGREGATOR_BATCH);
        WebhookSender sender = backend.webhookSender();
        webhookSender = new QueuePump(bus.webhookDeliveries(), bus.webhookDeliveriesPoison(), MAX_DELIVERY_COUNT,
                attempts -> attempts.forEach(sender::attempt), WEBHOOK_SENDERS, 1);
        SourceImporter sources = backend.sourceImporter();
        importer = new QueuePump(importQueue, importPoison, MAX_DELIVERY_COUNT,
                slices -> slices.forEach(sources::handle), IMPORT_FETCHERS, 1);
    }

    /**
     * Relays what the outbox holds, then looks again soon if it found something and less often while it finds
     * nothing: each look is a query across every tenant's partition, which Azurite answers by scanning the table,
     * and looking ten times a second when idle would compete with the API's own reads.
     */
    private void relayAll(OutboxRelay relay) {
        int relayed = 0;
        try {
            relayed = relay.relayAllPending(RELAY_BATCH);
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
            for (QueuePump pump : new QueuePump[] {aggregator, storageAggregator, webhookDispatcher, webhookSender,
                importer}) {
                if (pump != null) {
                    pump.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
