package com.contoso.media.messaging;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import com.contoso.media.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Storage queue (Azurite locally) carrying bus messages: each queue message is the message with its id, subject,
 * properties and first enqueue time, as JSON. Receiving hides a message for the visibility timeout (the lock); a
 * message not completed in time, or abandoned, comes back with its dequeue count raised, which is how a consumer
 * sees redeliveries and decides when to dead-letter.
 */
public final class StorageQueue implements MessageSender, MessageScheduler {

    /** A received message and what settling it needs. */
    public record Received(BusMessage message, long dequeueCount, Instant enqueuedAt, String id, String popReceipt) {
    }

    private record Envelope(String messageId, String subject, Map<String, String> properties, String body,
                            Instant enqueuedAt) {
    }

    /** The most messages one receive or peek call may return. */
    private static final int PER_CALL = 32;

    private final QueueClient queue;
    private final Duration visibility;
    private final Clock clock;
    private final QueueArrivals arrivals;

    public StorageQueue(QueueClient queue, Duration visibility, Clock clock) {
        this.queue = queue;
        this.visibility = visibility;
        this.clock = clock;
        this.arrivals = new QueueArrivals(clock);
        queue.createIfNotExists();
    }

    public String name() {
        return queue.getQueueName();
    }

    /** What this process has put on the queue, for a receiver in the same process to wait on. */
    public QueueArrivals arrivals() {
        return arrivals;
    }

    @Override
    public void send(List<BusMessage> messages) {
        for (BusMessage message : messages) {
            send(message, clock.instant());
        }
    }

    /** Sends keeping the time the message was first enqueued (a dead-lettered message keeps its original time). */
    public void send(BusMessage message, Instant enqueuedAt) {
        queue.sendMessage(encode(message, enqueuedAt));
        arrivals.arrived();
    }

    /**
     * Sends a message that stays invisible until {@code visibleAt} (a Storage queue's way of scheduling; at most
     * seven days ahead, far more than a webhook retry waits).
     */
    @Override
    public void schedule(BusMessage message, Instant visibleAt) {
        Duration invisible = invisibleFor(Duration.between(clock.instant(), visibleAt));
        queue.sendMessageWithResponse(encode(message, clock.instant()), invisible, null, null, Context.NONE);
        // Counted from after the send, so the receiver never wakes before the service shows the message (an early
        // wake would find nothing and wait out its backoff).
        arrivals.arrivesAt(clock.instant().plus(invisible));
    }

    /**
     * The service counts a visibility timeout in whole seconds and the SDK drops the fraction, so a 0.9 s wait
     * would become none: round up instead, so a message never shows before it is due.
     */
    static Duration invisibleFor(Duration untilDue) {
        if (untilDue.isNegative() || untilDue.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofSeconds(untilDue.getSeconds() + (untilDue.getNano() > 0 ? 1 : 0));
    }

    /** The queue message's text for a bus message (the Functions host base64-decodes it for a queue trigger). */
    static String encode(BusMessage message, Instant enqueuedAt) {
        return Json.write(new Envelope(message.messageId(), message.subject(), message.properties(), message.body(),
                enqueuedAt));
    }

    /** The bus message a queue message's text carries: what a queue trigger receives, decoded. */
    public static BusMessage decode(String queueMessage) {
        Envelope envelope = Json.read(queueMessage, Envelope.class);
        return new BusMessage(envelope.messageId(), envelope.subject(), envelope.properties(), envelope.body());
    }

    /** Up to {@code max} messages, locked for the visibility timeout; fetched 32 at a time, the service's limit. */
    public List<Received> receive(int max) {
        List<Received> received = new ArrayList<>();
        while (received.size() < max) {
            int ask = Math.min(PER_CALL, max - received.size());
            List<Received> batch = queue.receiveMessages(ask, visibility, null, Context.NONE).stream()
                    .map(StorageQueue::received).toList();
            received.addAll(batch);
            if (batch.size() < ask) {
                break;
            }
        }
        return received;
    }

    /** The first messages, up to 32 (a queue can be peeked no further without receiving). */
    public List<Received> peek(int max) {
        return queue.peekMessages(Math.min(PER_CALL, max), null, Context.NONE).stream()
                .map(item -> received(Json.read(item.getBody().toString(), Envelope.class), item.getDequeueCount(),
                        item.getMessageId(), null)).toList();
    }

    /** Deletes a received message; one already gone (its lock expired and another receiver settled it) is fine. */
    public void complete(Received received) {
        try {
            queue.deleteMessage(received.id(), received.popReceipt());
        } catch (QueueStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    /** Makes a received message visible again now, for redelivery. */
    public void abandon(Received received) {
        try {
            queue.updateMessage(received.id(), received.popReceipt(), null, Duration.ZERO);
            arrivals.arrived();
        } catch (QueueStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private static Received received(QueueMessageItem item) {
        return received(Json.read(item.getBody().toString(), Envelope.class), item.getDequeueCount(),
                item.getMessageId(), item.getPopReceipt());
    }

    private static Received received(Envelope envelope, long dequeueCount, String id, String popReceipt) {
        return new Received(new BusMessage(envelope.messageId(), envelope.subject(), envelope.properties(),
                envelope.body()), dequeueCount, envelope.enqueuedAt(), id, popReceipt);
    }
}
