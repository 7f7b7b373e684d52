package com.contoso.media.events;

import com.contoso.media.json.Json;
import com.contoso.media.tracing.TraceContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    static final UploadEvent SUCCEEDED = new UploadEvent(UploadEvent.idOf("tenant-a", "u1", 4),
            EventType.TRANSCODE_SUCCEEDED, "tenant-a", "u1", "corr-1", 4, Instant.parse("2026-11-23T10:15:30.123Z"),
            new UploadEventData("clip.mp4", "video/mp4", 1234, Optional.of(60_000L), Optional.of(9_999L),
                    Optional.empty()));

    @Test
    void encodesStructuredCloudEventsJsonWithTheContractsAttributesAndExtensions() throws Exception {
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(CloudEventCodec.encode(SUCCEEDED));

        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("id").asText()).isEqualTo(SUCCEEDED.id());
        assertThat(json.get("type").asText()).isEqualTo("media.transcode.succeeded");
        assertThat(json.get("source").asText()).isEqualTo("/media/uploads");
        assertThat(json.get("subject").asText()).isEqualTo("u1");
        assertThat(json.get("tenantid").asText()).isEqualTo("tenant-a");
        assertThat(json.get("correlationid").asText()).isEqualTo("corr-1");
        assertThat(json.get("sequence").asLong()).isEqualTo(4);
        assertThat(json.get("data").get("outputBytes").asLong()).isEqualTo(9_999);
        assertThat(CloudEventCodec.decode(json.toString())).isEqualTo(SUCCEEDED);
    }

    @Test
    void versionOneBodiesStillDecodeAndVersionTwoCarriesTheStorageFacts() throws Exception {
        UploadEvent v2 = new UploadEvent(SUCCEEDED.id(), SUCCEEDED.type(), "tenant-a", "u1", "corr-1", 4, SUCCEEDED.time(),
                new UploadEventData("clip.mp4", "video/mp4", 1234, Optional.of(60_000L), Optional.of(9_999L),
                        Optional.empty(), Optional.of(List.of(
                                new UploadEventData.HistoryEntry("Processing", Instant.parse("2026-11-23T10:00:00Z")),
                                new UploadEventData.HistoryEntry("Succeeded", SUCCEEDED.time()))),
                        Optional.of(new UploadEventData.StoredBytes(1234, 5000, 40)), Optional.of(1)));
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(CloudEventCodec.encode(v2));
        assertThat(json.get("dataschema").asText()).isEqualTo("urn:contoso-media:upload-event:2");
        assertThat(CloudEventCodec.decode(json.toString())).isEqualTo(v2);

        // A version 1 producer's body: the old schema, no storage facts.
        json.put("dataschema", "urn:contoso-media:upload-event:1");
        ((ObjectNode) json.get("data")).remove(List.of("history", "storedBytes", "priorHistory"));
        UploadEvent v1 = CloudEventCodec.decode(json.toString());

        assertThat(v1).isEqualTo(SUCCEEDED);
        assertThat(v1.data().history()).isEmpty();
    }

    @Test
    void theTraceTravelsInTheDistributedTracingExtensionAndAMalformedOneIsDropped() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        UploadEvent traced = new UploadEvent(SUCCEEDED.id(), SUCCEEDED.type(), "tenant-a", "u1", "corr-1", 4,
                SUCCEEDED.time(), SUCCEEDED.data(), TraceContext.of(traceparent, "vendor=1"));
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(CloudEventCodec.encode(traced));

        assertThat(json.get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(json.get("tracestate").asText()).isEqualTo("vendor=1");
        assertThat(CloudEventCodec.decode(json.toString())).isEqualTo(traced);
        assertThat(CloudEventCodec.traceOf(json.toString())).isEqualTo(traced.trace());
        assertThat(Json.MAPPER.readTree(CloudEventCodec.encode(SUCCEEDED)).has("traceparent")).isFalse();

        json.put("traceparent", "00-not-a-trace");
        assertThat(CloudEventCodec.decode(json.toString()).trace()).isEmpty();
        assertThat(CloudEventCodec.traceOf("not json")).isEmpty();
    }

    @Test
    void eventIdsAreStablePerTenantUploadAndSequence() {
        assertThat(UploadEvent.idOf("t", "u", 1)).isEqualTo(UploadEvent.idOf("t", "u", 1))
                .isNotEqualTo(UploadEvent.idOf("t", "u", 2)).isNotEqualTo(UploadEvent.idOf("t2", "u", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json          | {oops                         | MalformedJson",
        "a JSON array      | []                            | MalformedEvent",
        "old specversion   | specversion=0.3               | UnsupportedSchemaVersion",
        "newer data schema | dataschema=urn:contoso-media:upload-event:3 | UnsupportedSchemaVersion",
        "unknown type      | type=media.upload.teleported  | UnknownEventType",
        "no tenant         | -tenantid                     | MissingTenant",
        "no subject        | -subject                      | MalformedEvent",
        "no sequence       | -sequence                     | MalformedEvent",
        "data not an object| data=42                       | MalformedEvent"})
    void poisonBodiesAreRefusedWithAStableReason(String name, String change, String reason) throws Exception {
        String body = EventBodies.mutate(CloudEventCodec.encode(SUCCEEDED), change);

        assertThatThrownBy(() -> CloudEventCodec.decode(body))
                .isInstanceOfSatisfying(PoisonEventException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isNotBlank();
                });
    }
}
