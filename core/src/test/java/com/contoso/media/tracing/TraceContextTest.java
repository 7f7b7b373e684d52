package com.contoso.media.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Tracing tracing = new Tracing(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider
            .builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build());

    @Test
    void onlyWellFormedVersionZeroTraceparentsAreKept() {
        assertThat(TraceContext.of(PARENT, "vendor=1")).contains(new TraceContext(PARENT, "vendor=1"));
        assertThat(TraceContext.of(null, null)).isEmpty();
        assertThat(TraceContext.of("", "")).isEmpty();
        assertThat(TraceContext.of(PARENT.toUpperCase(), "")).as("upper case").isEmpty();
        assertThat(TraceContext.of("01-" + TRACE + "-00f067aa0ba902b7-01", "")).as("unknown version").isEmpty();
        assertThat(TraceContext.of("00-" + "0".repeat(32) + "-00f067aa0ba902b7-01", "")).as("zero trace").isEmpty();
        assertThat(TraceContext.of("00-" + TRACE + "-" + "0".repeat(16) + "-01", "")).as("zero span").isEmpty();
        assertThat(TraceContext.of(PARENT + "\r\nx-injected: 1", "")).as("header injection").isEmpty();
        assertThat(TraceContext.of(PARENT, "a=\"b\"")).as("a bad tracestate is dropped, not the trace")
                .contains(new TraceContext(PARENT, ""));
        assertThat(TraceContext.of(PARENT, "x".repeat(600))).map(TraceContext::tracestate).contains("");
    }

    @Test
    void aSpanContinuesTheTraceItIsGivenAndIsCurrentWhileItsWorkRuns() {
        Optional<TraceContext> inside = tracing.call("work", SpanKind.CONSUMER, TraceContext.of(PARENT, ""),
                Tracing.upload("t1", "u1"), TraceContext::current);

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE);
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(inside).map(TraceContext::traceparent).contains("00-" + TRACE + "-" + span.getSpanId() + "-01");
        assertThat(inside.get().traceId()).isEqualTo(TRACE);
        assertThat(TraceContext.current()).as("outside any span").isEmpty();
    }

    @Test
    void withoutAParentASpanStartsANewTraceAndAFailureIsRecordedByTypeAlone() {
        assertThatThrownBy(() -> tracing.run("failing", SpanKind.INTERNAL, Optional.empty(), Attributes.empty(),
                () -> {
                    throw new IllegalStateException("https://account/blob?sig=secret");
                })).isInstanceOf(IllegalStateException.class);

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo("IllegalStateException");
        assertThat(span.getEvents()).isEmpty();
        assertThat(span.getAttributes().asMap().values()).noneMatch(v -> String.valueOf(v).contains("sig="));
    }

    @Test
    void theNoOpImplementationStillCarriesTheCallersTraceOn() {
        Optional<TraceContext> inside = Tracing.none().call("work", SpanKind.SERVER, TraceContext.of(PARENT, ""),
                Attributes.empty(), TraceContext::current);

        assertThat(inside).map(TraceContext::traceparent).contains(PARENT);
    }
}
