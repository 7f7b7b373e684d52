package com.contoso.media.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The local runtime's stand-in for a Service Bus queue or topic subscription, with the semantics consumers
 * must cope with: peek-lock, complete, abandon, and a max delivery count past which a message moves to the
 * dead-letter queue with reason {@code MaxDeliveryCountExceeded}. Chaos mode (a test setting) makes delivery
 * as unfriendly as the real one may be: about one message in five is delivered twice, and receivers take
 * messages in random order.
 */
public final class InProcessQueue implements MessageSender {

    private static final double CHAOS_DUPLICATE_RATE = 0.2;

    private record Waiting(BusMessage message, int deliveries, Instant enqueuedAt) {
    }

    private final String name;
    private final int maxDeliveryCount;
    private final Optional<Random> chaos;
    private final Deque<Waiting> available = new ArrayDeque<>();
    private final Map<Long, Waiting> locked = new HashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Set<DeadLetter> lockedDeadLetters = new HashSet<>();
    private final Clock clock;
    private long nextLockToken = 1;

    public InProcessQueue(String name, int maxDeliveryCount, Optional<Random> chaos) {
        this(name, maxDeliveryCount, chaos, Clock.systemUTC());
    }

    public InProcessQueue(String name, int maxDeliveryCount, Optional<Random> chaos, Clock clock) {
        this.name = name;
        this.maxDeliveryCount = maxDeliveryCount;
        this.chaos = chaos;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    @Override
    public synchronized void send(List<BusMessage> messages) {
        Instant now = clock.instant();
        for (BusMessage message : messages) {
            available.addLast(new Waiting(message, 0, now));
            if (chaos.isPresent() && chaos.get().nextDouble() < CHAOS_DUPLICATE_RATE) {
                available.addLast(new Waiting(message, 0, now));
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
            Waiting delivered = new Waiting(next.message(), next.deliveries() + 1, next.enqueuedAt());
            locked.put(token, delivered);
            batch.add(new Delivery(delivered.message(), delivered.deliveries(), token, delivered.enqueuedAt()));
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
                deadLetters.add(new DeadLetter(released.message(), DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED,
                        "Delivered " + released.deliveries() + " times without success", released.enqueuedAt()));
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

    /** This queue's {@code $DeadLetterQueue}. */
    public DeadLetterQueue deadLetterQueue() {
        return new DeadLetterQueue() {
            @Override
            public List<DeadLetter> peek(int max) {
                synchronized (InProcessQueue.this) {
                    return deadLetters.stream().limit(max).toList();
                }
            }

            @Override
            public List<Locked> receive(int max) {
                synchronized (InProcessQueue.this) {
                    List<Locked> received = deadLetters.stream().filter(d -> !lockedDeadLetters.contains(d))
                            .limit(max).map(d -> new Locked(d, d)).toList();
                    received.forEach(l -> lockedDeadLetters.add(l.letter()));
                    return received;
                }
            }

            @Override
            public void complete(Locked letter) {
                synchronized (InProcessQueue.this) {
                    lockedDeadLetters.remove(letter.letter());
                    deadLetters.remove(letter.letter());
                }
            }

            @Override
            public void abandon(Locked letter) {
                synchronized (InProcessQueue.this) {
                    lockedDeadLetters.remove(letter.letter());
                }
            }
        };
    }

    /**
     * This queue read as a store of dead letters, whose messages carry their reason and description as
     * properties: the project's own dead-letter queue.
     */
    public DeadLetterQueue asDeadLetterStore() {
        return new DeadLetterQueue() {
            @Override
            public List<DeadLetter> peek(int max) {
                synchronized (InProcessQueue.this) {
                    return available.stream().limit(max).map(w -> asDeadLetter(w.message(), w.enqueuedAt())).toList();
                }
            }

            @Override
            public List<Locked> receive(int max) {
                try {
                    return InProcessQueue.this.receive(max, Duration.ZERO).stream().map(d -> new Locked(
                            asDeadLetter(d.message(), d.enqueuedAt()), d)).toList();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }

            @Override
            public void complete(Locked letter) {
                InProcessQueue.this.complete(List.of((Delivery) letter.lock()));
            }

            @Override
            public void abandon(Locked letter) {
                InProcessQueue.this.abandon(List.of((Delivery) letter.lock()));
            }
        };
    }

    private static DeadLetter asDeadLetter(BusMessage message, Instant enqueuedAt) {
        return new DeadLetter(message, message.properties().getOrDefault(DeadLetter.REASON, ""),
                message.properties().getOrDefault(DeadLetter.DESCRIPTION, ""), enqueuedAt);
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
