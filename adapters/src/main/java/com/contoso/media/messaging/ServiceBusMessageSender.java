package com.contoso.media.messaging;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Sends to a Service Bus topic or queue. Messages go in as few batches as their size allows; the message id is
 * kept, so the entity's duplicate detection drops a resend of the same message.
 */
public final class ServiceBusMessageSender implements MessageSender, MessageScheduler {

    private final ServiceBusSenderClient sender;
    private final String contentType;

    public ServiceBusMessageSender(ServiceBusSenderClient sender, String contentType) {
        this.sender = sender;
        this.contentType = contentType;
    }

    @Override
    public void send(List<BusMessage> messages) {
        ServiceBusMessageBatch batch = sender.createMessageBatch();
        for (BusMessage message : messages) {
            ServiceBusMessage converted = convert(message);
            if (!batch.tryAddMessage(converted)) {
                sendNonEmpty(batch);
                batch = sender.createMessageBatch();
                if (!batch.tryAddMessage(converted)) {
                    throw new IllegalArgumentException("Message " + message.messageId()
                            + " is larger than a Service Bus message may be");
                }
            }
        }
        sendNonEmpty(batch);
    }

    /** A scheduled message: Service Bus holds it and enqueues it at {@code visibleAt}. */
    @Override
    public void schedule(BusMessage message, Instant visibleAt) {
        sender.scheduleMessage(convert(message), visibleAt.atOffset(ZoneOffset.UTC));
    }

    private void sendNonEmpty(ServiceBusMessageBatch batch) {
        if (batch.getCount() > 0) {
            sender.sendMessages(batch);
        }
    }

    private ServiceBusMessage convert(BusMessage message) {
        ServiceBusMessage converted = new ServiceBusMessage(message.body())
                .setMessageId(message.messageId())
                .setSubject(message.subject())
                .setContentType(contentType);
        converted.getApplicationProperties().putAll(message.properties());
        return converted;
    }
}
