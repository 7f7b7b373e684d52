package com.contoso.media.messaging;

import java.util.List;

/**
 * A dead-letter queue on a Storage queue, as the re-drive job reads one: each message carries its reason and
 * description in its properties ({@link DeadLetter#REASON}), as the project's own dead-letter queue does in Azure.
 */
public final class StorageQueueDeadLetters implements DeadLetterQueue {

    private final StorageQueue queue;

    public StorageQueueDeadLetters(StorageQueue queue) {
        this.queue = queue;
    }

    @Override
    public List<DeadLetter> peek(int max) {
        return queue.peek(max).stream().map(StorageQueueDeadLetters::letter).toList();
    }

    @Override
    public List<Locked> receive(int max) {
        return queue.receive(max).stream().map(received -> new Locked(letter(received), received)).toList();
    }

    @Override
    public void complete(Locked letter) {
        queue.complete((StorageQueue.Received) letter.lock());
    }

    @Override
    public void abandon(Locked letter) {
        queue.abandon((StorageQueue.Received) letter.lock());
    }

    private static DeadLetter letter(StorageQueue.Received received) {
        BusMessage message = received.message();
        return new DeadLetter(message, message.properties().getOrDefault(DeadLetter.REASON,
                DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED), message.properties().getOrDefault(DeadLetter.DESCRIPTION, ""),
                received.enqueuedAt());
    }
}
