package com.contoso.media.messaging;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A topic over Storage queues: each message goes to every subscription queue whose filter takes it, as the Service
 * Bus subscriptions' SQL filters do. There is no duplicate detection; the consumers' idempotency records make a
 * repeat harmless. With {@code chaos}, about one message in five is sent twice, to prove exactly that.
 */
public final class StorageQueueTopic implements MessageSender {

    /** A subscription: its queue and the messages it takes. */
    public record Subscription(StorageQueue queue, Predicate<BusMessage> filter) {
    }

    private final List<Subscription> subscriptions;
    private final Optional<Random> chaos;

    public StorageQueueTopic(List<Subscription> subscriptions, Optional<Random> chaos) {
        this.subscriptions = List.copyOf(subscriptions);
        this.chaos = chaos;
    }

    @Override
    public void send(List<BusMessage> messages) {
        for (BusMessage message : messages) {
            for (Subscription subscription : subscriptions) {
                if (subscription.filter().test(message)) {
                    subscription.queue().send(List.of(message));
                    if (chaos.map(random -> random.nextInt(5) == 0).orElse(false)) {
                        subscription.queue().send(List.of(message));
                    }
                }
            }
        }
    }
}
