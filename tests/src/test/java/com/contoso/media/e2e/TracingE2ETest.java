package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One video upload followed as one distributed trace, on a local runtime of its own whose OpenTelemetry SDK exports
 * to memory: the create request (under the caller's {@code traceparent}), intake, every transcoding activity,
 * the events' consumers and the webhook delivery are spans of one trace with the right parents, the webhook
 * request carries the trace on, and no span attribute holds a signed URL or a token.
 */
class TracingE2ETest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final InMemoryMetricReader METRICS = InMemoryMetricReader.create();
    private static DevHost host;
    private static ApiClient api;

    private final String tenant = "trace-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = host.tokens().mint(tenant, Duration.ofMinutes(15));

    @BeforeAll
    static void start() {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(METRICS).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        host = DevHost.start(new Settings(IsolatedRuntime.settings("tr", "devhost-tracing")), sdk);
        api = new ApiClient(host.baseUrl());
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void oneVideoUploadIsOneTraceFromTheCreateRequestToTheReportsAndTheWebhook() throws IOException {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            JsonNode endpoint = ApiClient.json(api.send(request("POST", "/api/webhooks", Json.write(Map.of(
                    "url", receiver.url(), "events", List.of("media.transcode.succeeded"))), Map.of())));
            receiver.trust(endpoint.path("secret").asText());
            String traceId = UUID.randomUUID().toString().replace("-", "");
            String callerSpan = traceId.substring(0, 16);
            byte[] video = TestMedia.mp4(2, "320x240");

            HttpResponse<String> create = api.send(request("POST", "/api/uploads", Json.write(Map.of(
                    "fileName", "clip.mp4", "contentType", "video/mp4", "sizeBytes", video.length)),
                    Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01")));
            assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
            JsonNode created = ApiClient.json(create);
            assertThat(created.path("headers").path("x-ms-meta-traceparent").asText()).contains(traceId);
            assertThat(api.putBlob(created, video).statusCode()).isEqualTo(201);
            assertThat(api.awaitTerminal(token, created.get("statusUrl").asText(), TIMEOUT).path("status").asText())
                    .isEqualTo("Succeeded");
            List<SpanData> trace = awaitSpans(spans -> spans.stream().anyMatch(s -> s.getName().equals("webhook send"))
                    && spans.stream().anyMatch(s -> s.getName().equals("process usage-report")
                            && "media.transcode.succeeded".equals(s.getAttributes().get(EVENT_TYPE)))
                    && spans.stream().anyMatch(s -> s.getName().equals("process storage-report")), traceId);

            SpanData root = only(trace, "POST /api/uploads");
            assertThat(root.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(root.getParentSpanId()).isEqualTo(callerSpan);
            SpanData intake = only(trace, "intake");
            assertThat(intake.getParentSpanId()).isEqualTo(root.getSpanId());
            Set<String> activities = Set.of("ClaimTranscodeSlot", "ProbeSource", "EncodeChunk", "EncodeAudioChunk",
                    "CreateThumbnails", "PublishProgress", "WritePlaylists", "FinalizeUpload", "ReleaseTranscodeSlot");
            assertThat(trace).extracting(SpanData::getName).containsAll(activities);
            assertThat(trace).filteredOn(s -> activities.contains(s.getName()))
                    .allSatisfy(s -> assertThat(s.getParentSpanId()).as(s.getName()).isEqualTo(intake.getSpanId()));

            // Each consumer's span hangs under the span of the state change that raised its event.
            SpanData finalize = only(trace, "FinalizeUpload");
            for (String consumer : List.of("process usage-report", "process storage-report", "process webhooks")) {
                assertThat(trace).filteredOn(s -> s.getName().equals(consumer)
                                && "media.transcode.succeeded".equals(s.getAttributes().get(EVENT_TYPE)))
                        .as(consumer).isNotEmpty()
                        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(finalize.getSpanId()));
                assertThat(trace).filteredOn(s -> s.getName().equals(consumer)
                                && "media.upload.accepted".equals(s.getAttributes().get(EVENT_TYPE)))
                        .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(intake.getSpanId()));
            }
            SpanData send = trace.stream().filter(s -> s.getName().equals("webhook send")).findFirst().orElseThrow();
            assertThat(send.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(send.getParentSpanId()).isEqualTo(finalize.getSpanId());
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::traceparent)
                    .contains("00-" + traceId + "-" + send.getSpanId() + "-01");
            assertThat(Json.read(receiver.received().get(0).body(), JsonNode.class).path("traceparent").asText())
                    .contains(traceId);

            assertThat(SPANS.getFinishedSpanItems()).allSatisfy(span -> span.getAttributes().forEach((key, value) ->
                    assertThat(String.valueOf(value)).as(span.getName() + " " + key)
                            .doesNotContain("sig=").doesNotContain("Bearer").doesNotContain("eyJ")
                            .doesNotContain("http://").doesNotContain("https://")));
            assertThat(metricNames()).contains("media.uploads", "media.intake.duration", "media.transcode.speed",
                    "media.events.lag", "media.webhook.deliveries");
        }
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }

    private static List<SpanData> awaitSpans(Predicate<List<SpanData>> done, String traceId) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            List<SpanData> trace = SPANS.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId)).toList();
            if (done.test(trace)) {
                return trace;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the trace did not complete: " + trace.stream().map(SpanData::getName)
                        .collect(Collectors.joining(", ")));
            }
            ApiClient.sleep(200);
        }
    }

    private static Set<String> metricNames() {
        return METRICS.collectAllMetrics().stream().map(MetricData::getName).collect(Collectors.toSet());
    }

    private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(host.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return builder.method(method, Optional.ofNullable(body).map(HttpRequest.BodyPublishers::ofString)
                .orElse(HttpRequest.BodyPublishers.noBody())).build();
    }
}
