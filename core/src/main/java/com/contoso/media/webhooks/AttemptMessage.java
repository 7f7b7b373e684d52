package com.contoso.media.webhooks;

import com.contoso.media.events.PoisonEventException;
import com.contoso.media.json.Json;
import com.contoso.media.messaging.BusMessage;
import java.util.Map;

/**
 * "Make attempt {@code attempt} of this delivery": the message on the webhook-deliveries queue. Its id names the
 * attempt, so the queue's duplicate detection drops a second copy of the same one.
 */
public record AttemptMessage(String tenantId, String endpointId, String deliveryId, int attempt) {

    public static final String SUBJECT = "webhook.attempt";

    public BusMessage toMessage() {
        return new BusMessage(deliveryId + "-" + attempt, SUBJECT, Map.of("tenantid", tenantId), Json.write(this));
    }

    public static AttemptMessage parse(String body) {
        try {
            AttemptMessage message = Json.read(body, AttemptMessage.class);
            if (message.tenantId() == null || message.deliveryId() == null || message.endpointId() == null) {
                throw new IllegalArgumentException("tenantId, endpointId and deliveryId are required");
            }
            return message;
        } catch (RuntimeException e) {
            throw new PoisonEventException(PoisonEventException.MALFORMED_EVENT,
                    "Not a webhook attempt message: " + e.getMessage());
        }
    }
}
