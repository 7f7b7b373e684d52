package com.contoso.media.events;

import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.MessageSender;
import java.util.List;
import java.util.Map;

/**
 * Publishes events as CloudEvents JSON messages: message id = event id (duplicate detection), subject = event
 * type, and {@code tenantid} and {@code correlationid} as properties, so subscriptions filter without reading
 * bodies.
 */
public final class BusEventPublisher implements EventPublisher {

    private final MessageSender topic;

    public BusEventPublisher(MessageSender topic) {
        this.topic = topic;
    }

    @Override
    public void publish(List<UploadEvent> events) {
        topic.send(events.stream().map(BusEventPublisher::toMessage).toList());
    }

    static BusMessage toMessage(UploadEvent event) {
        return new BusMessage(event.id(), event.type().value(),
                Map.of(CloudEventCodec.TENANT, event.tenantId(), CloudEventCodec.CORRELATION, event.correlationId()),
                CloudEventCodec.encode(event));
    }
}
