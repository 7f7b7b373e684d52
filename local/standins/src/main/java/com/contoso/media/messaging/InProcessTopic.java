package com.contoso.media.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The local runtime's stand-in for a Service Bus topic: duplicate detection on the message id within a window,
 * and one {@link InProcessQueue} per subscription that receives the messages its filter matches.
 */
public final class InProcessTopic implements MessageSender {

    private record Subscription(Predicate<BusMessage> filter, InProcessQueue queue) {
    }

    private final Duration duplicateDetectionWindow;
    private final Clock clock;
    private final Map<String, Instant> recentIds = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    public InProcessTopic(Duration duplicateDetectionWindow, Clock clock) {
        this.duplicateDetectionWindow = duplicateDetectionWindow;
        this.clock = clock;
    }

    public void subscribe(Predicate<BusMessage> filter, InProcessQueue queue) {
        subscriptions.add(new Subscription(filter, queue));
    }

    @Override
    public void send(List<BusMessage> messages) {
        Instant now = clock.instant();
        recentIds.values().removeIf(sentAt -> sentAt.plus(duplicateDetectionWindow).isBefore(now));
        for (BusMessage message : messages) {
            if (recentIds.putIfAbsent(message.messageId(), now) != null) {
                continue;
            }
            subscriptions.stream().filter(s -> s.filter().test(message))
                    .forEach(s -> s.queue().send(List.of(message)));
        }
    }
}
