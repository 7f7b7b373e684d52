package com.contoso.media.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts the spans of one upload's trace. Each unit of work (the create request, intake, every activity, every
 * event folded or delivered) is a span whose parent is the trace context that caused it, and is current while
 * the work runs, so state changes and events raised inside it carry it on ({@link TraceContext#current()}).
 * Attributes hold ids only: never a URL, a SAS or a token, and errors are recorded by their type alone because
 * an exception's message may quote a signed URL.
 */
public final class Tracing {

    public static final AttributeKey<String> TENANT = AttributeKey.stringKey("media.tenant_id");
    public static final AttributeKey<String> UPLOAD = AttributeKey.stringKey("media.upload_id");
    public static final AttributeKey<String> EVENT = AttributeKey.stringKey("messaging.message.id");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;

    public Tracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("com.contoso.media");
    }

    /** Spans that record nothing: for hosts and tests that export no telemetry. */
    public static Tracing none() {
        return new Tracing(OpenTelemetry.noop());
    }

    /** Ids that name an upload's work, for a span's attributes. */
    public static Attributes upload(String tenantId, String uploadId) {
        return Attributes.of(TENANT, tenantId, UPLOAD, uploadId);
    }

    /** Runs {@code work} in a new span under {@code parent} (or under the current span when there is none). */
    public <T> T call(String name, SpanKind kind, Optional<TraceContext> parent, Attributes attributes,
                      Supplier<T> work) {
        try (Scope scope = open(name, kind, parent, attributes)) {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                scope.failed(e);
                throw e;
            }
        }
    }

    public void run(String name, SpanKind kind, Optional<TraceContext> parent, Attributes attributes, Runnable work) {
        call(name, kind, parent, attributes, () -> {
            work.run();
            return null;
        });
    }

    /** A span made current until {@link Scope#close()}, for work that cannot be wrapped in a lambda. */
    public Scope open(String name, SpanKind kind, Optional<TraceContext> parent, Attributes attributes) {
        Context parentContext = parent.map(TraceContext::asParent).orElseGet(Context::current);
        Span span = tracer.spanBuilder(name).setSpanKind(kind).setParent(parentContext).setAllAttributes(attributes)
                .startSpan();
        return new Scope(span, span.makeCurrent());
    }

    /** An open span; {@link #failed} marks it as an error before it ends. */
    public static final class Scope implements AutoCloseable {

        private final Span span;
        private final io.opentelemetry.context.Scope current;

        private Scope(Span span, io.opentelemetry.context.Scope current) {
            this.span = span;
            this.current = current;
        }

        public void failed(Throwable error) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
            span.setAttribute(ERROR_TYPE, error.getClass().getName());
        }

        /** An outcome the work reports without throwing (a rejected upload, a failed delivery). */
        public void failed(String errorType) {
            span.setStatus(StatusCode.ERROR, errorType);
            span.setAttribute(ERROR_TYPE, errorType);
        }

        public void attribute(AttributeKey<String> key, String value) {
            span.setAttribute(key, value);
        }

        @Override
        public void close() {
            current.close();
            span.end();
        }
    }
}
