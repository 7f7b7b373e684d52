package com.contoso.media.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The local runtime's stand-in for a Service Bus queue or topic subscription, with the semantics consumers
 * must cope with: peek-lock, complete, abandon, and a max delivery count past which a message moves to the
 * dead-letter queue with reason {@code MaxDeliveryCountExceeded}. Chaos mode (a test setting) makes delivery
 * as unfriendly as the real one may be: about one message in five is delivered twice, and receivers take
 * messages in random order.
 */
public final class InProcessQueue implements MessageSender {

    public static final String MAX_DELIVERY_COUNT_EXCEEDED = "MaxDeliveryCountExceeded";
    private static final double CHAOS_DUPLICATE_RATE = 0.2;

    private record Waiting(BusMessage message, int deliveries) {
    }

    private final String name;
    private final int maxDeliveryCount;
    private final Optional<Random> chaos;
    private final Deque<Waiting> available = new ArrayDeque<>();
    private final Map<Long, Waiting> locked = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long nextLockToken = 1;

    public InProcessQueue(String name, int maxDeliveryCount, Optional<Random> chaos) {
        this.name = name;
        this.maxDeliveryCount = maxDeliveryCount;
        this.chaos = chaos;
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void send(List<BusMessage> messages) {
        for (BusMessage message : messages) {
            available.addLast(new Waiting(message, 0));
            if (chaos.isPresent() && chaos.get().nextDouble() < CHAOS_DUPLICATE_RATE) {
                available.addLast(new Waiting(message, 0));
            }
        }
        notifyAll();
    }

    /** Up to {@code max} messages, locked to the caller; waits up to {@code wait} for the first one. */
    public synchronized List<Delivery> receive(int max, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (available.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return List.of();
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
        List<Delivery> batch = new ArrayList<>();
        while (!available.isEmpty() && batch.size() < max) {
            Waiting next = takeNext();
            long token = nextLockToken++;
            Waiting delivered = new Waiting(next.message(), next.deliveries() + 1);
            locked.put(token, delivered);
            batch.add(new Delivery(delivered.message(), delivered.deliveries(), token));
        }
        return batch;
    }

    public synchronized void complete(List<Delivery> deliveries) {
        deliveries.forEach(delivery -> locked.remove(delivery.lockToken()));
    }

    /** Releases the lock for redelivery, or dead-letters a message that has used up its deliveries. */
    public synchronized void abandon(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            Waiting released = locked.remove(delivery.lockToken());
            if (released == null) {
                continue;
            }
            if (released.deliveries() >= maxDeliveryCount) {
                deadLetters.add(new DeadLetter(released.message(), MAX_DELIVERY_COUNT_EXCEEDED,
                        "Delivered " + released.deliveries() + " times without success"));
            } else {
                available.addLast(released);
            }
        }
        notifyAll();
    }

    /** Messages waiting or locked: zero means everything sent so far was settled. */
    public synchronized int unsettled() {
        return available.size() + locked.size();
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Takes {@code letter} out of the dead-letter queue (re-driven or discarded); false if it was not there. */
    public synchronized boolean removeDeadLetter(DeadLetter letter) {
        return deadLetters.remove(letter);
    }

    private Waiting takeNext() {
        if (chaos.isEmpty() || available.size() == 1) {
            return available.pollFirst();
        }
        List<Waiting> all = new ArrayList<>(available);
        Waiting picked = all.remove(chaos.get().nextInt(all.size()));
        available.clear();
        available.addAll(all);
        return picked;
    }
}
