package com.contoso.media.messaging;

import java.util.HashMap;
import java.util.Map;

/**
 * A message as the services see it, whichever bus carries it. {@code subject} is Service Bus' {@code Subject}
 * (the {@code sys.Label} subscription filters read); {@code properties} are its application properties.
 */
public record BusMessage(String messageId, String subject, Map<String, String> properties, String body) {

    public BusMessage {
        properties = Map.copyOf(properties);
    }

    /** The same message (id, subject, body) with {@code added} set among its properties. */
    public BusMessage withProperties(Map<String, String> added) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(added);
        return new BusMessage(messageId, subject, merged, body);
    }
}
