package com.contoso.media.messaging;

import java.util.HashMap;
import java.util.Map;

/**
 * A message as the services see it, whichever bus carries it. {@code subject} is Service Bus' {@code Subject}
 * (the {@code sys.Label} subscription filters read); {@code properties} are its application properties.
 */
public record BusMessage(String messageId, String subject, Map<String, String> properties, String body) {

    /**
     * An empty body is refused: the Functions host drops empty entries from a {@code cardinality: many} batch for
     * the Java worker, so its per-message metadata arrays would no longer line up with the bodies.
     */
    public BusMessage {
        properties = Map.copyOf(properties);
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("Message " + messageId + " has an empty body");
        }
    }

    /** The same message (id, subject, body) with {@code added} set among its properties. */
    public BusMessage withProperties(Map<String, String> added) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(added);
        return new BusMessage(messageId, subject, merged, body);
    }
}
