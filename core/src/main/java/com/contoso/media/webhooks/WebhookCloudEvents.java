package com.contoso.media.webhooks;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.json.Json;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The webhook service's own events, as CloudEvents like the upload events: {@code webhook.test} (a tenant asked
 * for one) and {@code webhook.endpoint.disabled} (an endpoint failed for too long and was switched off).
 */
public final class WebhookCloudEvents {

    public static final URI SOURCE = URI.create("/media/webhooks");
    private static final JsonFormat FORMAT = new JsonFormat();

    /** A webhook event: its id, type, and the CloudEvent JSON that is both the message body and the HTTP body. */
    public record Event(String id, String type, String body) {
    }

    private WebhookCloudEvents() {
    }

    public static Event test(WebhookEndpoint endpoint, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id());
        data.put("message", "This is a test event, sent because it was asked for.");
        return event(WebhookEventTypes.TEST, endpoint, data, now);
    }

    public static Event endpointDisabled(WebhookEndpoint endpoint, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id());
        data.put("url", endpoint.url());
        data.put("reason", endpoint.disabledReason().orElse(""));
        return event(WebhookEventTypes.ENDPOINT_DISABLED, endpoint, data, now);
    }

    private static Event event(String type, WebhookEndpoint endpoint, Map<String, Object> data, Instant now) {
        String id = UUID.randomUUID().toString();
        String body = new String(FORMAT.serialize(CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType(type)
                .withSubject(endpoint.id())
                .withTime(now.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(Json.write(data).getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventCodec.TENANT, endpoint.tenantId())
                .build()), StandardCharsets.UTF_8);
        return new Event(id, type, body);
    }
}
