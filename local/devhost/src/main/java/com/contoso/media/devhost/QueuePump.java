package com.contoso.media.devhost;

import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.QueueArrivals;
import com.contoso.media.messaging.ReceiverThreads;
import com.contoso.media.messaging.StorageQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's consumer on a Storage queue, with the Service Bus trigger's contract: concurrent receivers hand
 * batches of bodies to the handler, the batch is deleted when it returns and made visible again when it throws.
 * An idle receiver polls less and less often, from 100 ms up to every 2 s, as the Functions host's queue listener
 * does, but wakes at once when this process sends to the queue or a message it scheduled is due
 * ({@link QueueArrivals}): the runtime's own events flow without delay, and an idle runtime makes a few reads a
 * second instead of dozens that compete with the API's reads on Azurite.
 * A message delivered more than {@code maxDeliveryCount} times goes to the subscription's dead-letter queue with
 * the reason Service Bus gives ({@code MaxDeliveryCountExceeded}). A receiver killed mid-batch deletes nothing, so
 * the batch reappears when its visibility timeout ends.
 */
final class QueuePump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueuePump.class);
    private static final Duration FIRST_IDLE_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_IDLE_WAIT = Duration.ofSeconds(2);

    private final StorageQueue queue;
    private final StorageQueue deadLetters;
    private final int maxDeliveryCount;
    private final Consumer<List<String>> handler;
    private final int batchSize;
    private final ExecutorService receivers;
    private volatile boolean running = true;

    QueuePump(StorageQueue queue, StorageQueue deadLetters, int maxDeliveryCount, Consumer<List<String>> handler,
              int concurrency, int batchSize) {
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.maxDeliveryCount = maxDeliveryCount;
        this.handler = handler;
        this.batchSize = batchSize;
        this.receivers = ReceiverThreads.start("queue-" + queue.name(), concurrency, this::receiveLoop);
    }

    private void receiveLoop() {
        QueueArrivals arrivals = queue.arrivals();
        Duration idleWait = FIRST_IDLE_WAIT;
        while (running) {
            try {
                long seen = arrivals.seen();
                List<StorageQueue.Received> batch = queue.receive(batchSize);
                if (batch.isEmpty()) {
                    arrivals.await(seen, idleWait);
                    Duration doubled = idleWait.multipliedBy(2);
                    idleWait = doubled.compareTo(LONGEST_IDLE_WAIT) < 0 ? doubled : LONGEST_IDLE_WAIT;
                } else {
                    idleWait = FIRST_IDLE_WAIT;
                    arrivals.arrived(); // more may be waiting: the other receivers look too
                    process(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("could not receive from {} (is Azurite running?): {}", queue.name(), e.toString());
                sleepQuietly();
            }
        }
    }

    private void process(List<StorageQueue.Received> batch) {
        List<StorageQueue.Received> deliverable = new ArrayList<>();
        for (StorageQueue.Received received : batch) {
            if (received.dequeueCount() > maxDeliveryCount) {
                deadLetters.send(received.message().withProperties(Map.of(DeadLetter.REASON,
                        DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED, DeadLetter.DESCRIPTION, "Delivered "
                                + received.dequeueCount() + " times")), received.enqueuedAt());
                queue.complete(received);
            } else {
                deliverable.add(received);
            }
        }
        if (deliverable.isEmpty()) {
            return;
        }
        try {
            handler.accept(deliverable.stream().map(received -> received.message().body()).toList());
            deliverable.forEach(queue::complete);
        } catch (RuntimeException e) {
            LOG.warn("batch of {} from {} made visible again for redelivery: {}", deliverable.size(), queue.name(),
                    e.toString());
            deliverable.forEach(queue::abandon);
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        receivers.shutdownNow();
        receivers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
