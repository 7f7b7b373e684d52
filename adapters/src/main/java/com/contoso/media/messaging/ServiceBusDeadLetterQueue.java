package com.contoso.media.messaging;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * A dead-letter queue on Service Bus, read with a peek-lock receiver: a subscription's {@code $DeadLetterQueue}
 * (the broker's reason in {@code DeadLetterReason}) or the project's own queue (the reason in the
 * {@code deadLetterReason} application property).
 */
public final class ServiceBusDeadLetterQueue implements DeadLetterQueue {

    private static final Duration RECEIVE_WAIT = Duration.ofSeconds(3);

    private final ServiceBusReceiverClient receiver;

    public ServiceBusDeadLetterQueue(ServiceBusReceiverClient receiver) {
        this.receiver = receiver;
    }

    @Override
    public List<DeadLetter> peek(int max) {
        return StreamSupport.stream(receiver.peekMessages(max).spliterator(), false)
                .map(ServiceBusDeadLetterQueue::toDeadLetter).toList();
    }

    @Override
    public List<Locked> receive(int max) {
        return StreamSupport.stream(receiver.receiveMessages(max, RECEIVE_WAIT).spliterator(), false)
                .map(message -> new Locked(toDeadLetter(message), message)).toList();
    }

    @Override
    public void complete(Locked letter) {
        receiver.complete((ServiceBusReceivedMessage) letter.lock());
    }

    @Override
    public void abandon(Locked letter) {
        receiver.abandon((ServiceBusReceivedMessage) letter.lock());
    }

    static DeadLetter toDeadLetter(ServiceBusReceivedMessage message) {
        Map<String, String> properties = new HashMap<>();
        message.getApplicationProperties().forEach((name, value) -> properties.put(name, String.valueOf(value)));
        String reason = message.getDeadLetterReason() != null ? message.getDeadLetterReason()
                : properties.getOrDefault(DeadLetter.REASON, "");
        String description = message.getDeadLetterErrorDescription() != null
                ? message.getDeadLetterErrorDescription() : properties.getOrDefault(DeadLetter.DESCRIPTION, "");
        return new DeadLetter(new BusMessage(message.getMessageId(), message.getSubject(), properties,
                message.getBody().toString()), reason, description, message.getEnqueuedTime().toInstant());
    }
}
