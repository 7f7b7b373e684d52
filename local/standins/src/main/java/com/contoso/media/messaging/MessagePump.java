package com.contoso.media.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Service Bus trigger's contract over an {@link InProcessQueue}: concurrent receivers hand batches of
 * message bodies to the handler; the batch is completed when it returns and abandoned when it throws, as the
 * Functions host does with {@code autoCompleteMessages} and {@code cardinality MANY}.
 */
public final class MessagePump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessagePump.class);
    private static final Duration RECEIVE_WAIT = Duration.ofMillis(200);

    private final InProcessQueue queue;
    private final Consumer<List<String>> handler;
    private final int maxBatchSize;
    private final ExecutorService receivers;
    private volatile boolean running = true;

    public MessagePump(InProcessQueue queue, Consumer<List<String>> handler, int concurrency, int maxBatchSize) {
        this.queue = queue;
        this.handler = handler;
        this.maxBatchSize = maxBatchSize;
        this.receivers = ReceiverThreads.start("bus-" + queue.name(), concurrency, this::receiveLoop);
    }

    private void receiveLoop() {
        while (running) {
            try {
                List<Delivery> batch = queue.receive(maxBatchSize, RECEIVE_WAIT);
                if (!batch.isEmpty()) {
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void process(List<Delivery> batch) {
        try {
            handler.accept(batch.stream().map(d -> d.message().body()).toList());
            queue.complete(batch);
        } catch (RuntimeException e) {
            LOG.warn("batch of {} from {} abandoned for redelivery: {}", batch.size(), queue.name(), e.toString());
            queue.abandon(batch);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        receivers.shutdownNow();
        receivers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
