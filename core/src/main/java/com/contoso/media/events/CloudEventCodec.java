package com.contoso.media.events;

import com.contoso.media.json.Json;
import com.contoso.media.tracing.TraceContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Upload events as CloudEvents 1.0 structured JSON ({@code application/cloudevents+json}), with the extensions
 * {@code tenantid}, {@code correlationid} and {@code sequence}, and the distributed-tracing extension
 * ({@code traceparent}, {@code tracestate}) when the state change happened inside a trace. Decoding sorts what can never be processed into
 * {@link PoisonEventException}s with a reason, so consumers dead-letter those instead of retrying them.
 */
public final class CloudEventCodec {

    public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;
    public static final URI SOURCE = URI.create("/media/uploads");
    /**
     * The version of {@link UploadEventData} this code writes. Version 2 only adds fields, so consumers read both;
     * a version they do not know is refused.
     */
    public static final URI DATA_SCHEMA = URI.create("urn:contoso-media:upload-event:2");
    public static final URI DATA_SCHEMA_V1 = URI.create("urn:contoso-media:upload-event:1");
    private static final Set<String> READABLE_SCHEMAS = Set.of(DATA_SCHEMA.toString(), DATA_SCHEMA_V1.toString());
    public static final String TENANT = "tenantid";
    public static final String CORRELATION = "correlationid";
    public static final String SEQUENCE = "sequence";

    private static final JsonFormat FORMAT = new JsonFormat();
    /** Reads a CloudEvent from the tree the checks already parsed, so a message body is parsed once. */
    private static final ObjectMapper CLOUD_EVENTS = Json.MAPPER.copy()
            .registerModule(JsonFormat.getCloudEventJacksonModule());

    private CloudEventCodec() {
    }

    public static String encode(UploadEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(SOURCE)
                .withType(event.type().value())
                .withSubject(event.uploadId())
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(DATA_SCHEMA)
                .withData(Json.write(event.data()).getBytes(StandardCharsets.UTF_8))
                .withExtension(TENANT, event.tenantId())
                .withExtension(CORRELATION, event.correlationId())
                .withExtension(SEQUENCE, event.sequence());
        event.trace().ifPresent(trace -> {
            builder.withExtension(TraceContext.TRACEPARENT, trace.traceparent());
            if (!trace.tracestate().isEmpty()) {
                builder.withExtension(TraceContext.TRACESTATE, trace.tracestate());
            }
        });
        CloudEvent cloudEvent = builder.build();
        return new String(FORMAT.serialize(cloudEvent), StandardCharsets.UTF_8);
    }

    public static UploadEvent decode(String body) {
        JsonNode tree = parse(body);
        String specVersion = tree.path("specversion").asText("");
        if (!"1.0".equals(specVersion)) {
            throw new PoisonEventException(PoisonEventException.UNSUPPORTED_SCHEMA_VERSION,
                    "CloudEvents specversion '" + specVersion + "' is not 1.0");
        }
        String dataSchema = tree.path("dataschema").asText("");
        if (!READABLE_SCHEMAS.contains(dataSchema)) {
            throw new PoisonEventException(PoisonEventException.UNSUPPORTED_SCHEMA_VERSION,
                    "dataschema '" + dataSchema + "' is neither " + DATA_SCHEMA + " nor " + DATA_SCHEMA_V1);
        }
        CloudEvent event = toCloudEvent(tree);
        EventType type = EventType.parse(event.getType()).orElseThrow(() -> new PoisonEventException(
                PoisonEventException.UNKNOWN_TYPE, "Event type '" + event.getType() + "' is unknown"));
        String tenantId = extension(event, TENANT).filter(t -> !t.isBlank()).orElseThrow(() ->
                new PoisonEventException(PoisonEventException.MISSING_TENANT, "Event " + event.getId()
                        + " has no tenantid"));
        return new UploadEvent(event.getId(), type, tenantId,
                required(Optional.ofNullable(event.getSubject()), "subject", event),
                extension(event, CORRELATION).orElse(""),
                sequence(event),
                required(Optional.ofNullable(event.getTime()), "time", event).toInstant(),
                data(event),
                extension(event, TraceContext.TRACEPARENT).flatMap(traceparent ->
                        TraceContext.of(traceparent, extension(event, TraceContext.TRACESTATE).orElse(""))));
    }

    /** The trace context of an encoded event (a webhook payload), if it carries one; never throws. */
    public static Optional<TraceContext> traceOf(String body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            return tree == null ? Optional.empty() : TraceContext.of(tree.path(TraceContext.TRACEPARENT).asText(null),
                    tree.path(TraceContext.TRACESTATE).asText(""));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new PoisonEventException(PoisonEventException.MALFORMED_EVENT, "The body is not a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(PoisonEventException.MALFORMED_JSON,
                    "The body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static CloudEvent toCloudEvent(JsonNode tree) {
        try {
            return CLOUD_EVENTS.treeToValue(tree, CloudEvent.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PoisonEventException(PoisonEventException.MALFORMED_EVENT,
                    "Not a valid CloudEvent: " + e.getMessage());
        }
    }

    private static Optional<String> extension(CloudEvent event, String name) {
        return Optional.ofNullable(event.getExtension(name)).map(Object::toString);
    }

    private static long sequence(CloudEvent event) {
        Object value = event.getExtension(SEQUENCE);
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new PoisonEventException(PoisonEventException.MALFORMED_EVENT, "Event " + event.getId()
                    + " has no numeric sequence");
        }
    }

    private static UploadEventData data(CloudEvent event) {
        CloudEventData data = required(Optional.ofNullable(event.getData()), "data", event);
        try {
            return data instanceof JsonCloudEventData json
                    ? Json.MAPPER.treeToValue(json.getNode(), UploadEventData.class)
                    : Json.MAPPER.readValue(data.toBytes(), UploadEventData.class);
        } catch (IOException e) {
            throw new PoisonEventException(PoisonEventException.MALFORMED_EVENT, "Event " + event.getId()
                    + " has unreadable data: " + e.getMessage());
        }
    }

    private static <T> T required(Optional<T> value, String attribute, CloudEvent event) {
        return value.orElseThrow(() -> new PoisonEventException(PoisonEventException.MALFORMED_EVENT,
                "Event " + event.getId() + " has no " + attribute));
    }
}
