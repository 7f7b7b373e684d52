package com.contoso.media.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}, {@code tracestate}) as it travels with an upload: in its record's
 * history, its blob's metadata, the orchestration's input, every CloudEvent and every webhook request. Only
 * well-formed values are kept, since some arrive from clients.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final Pattern TRACEPARENT_FORMAT =
            Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    /** tracestate: at most 32 comma-separated key=value members of printable ASCII (W3C, 512 bytes is typical). */
    private static final Pattern TRACESTATE_FORMAT = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{0,512}");
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier.traceparent : carrier.tracestate;
        }
    };

    public TraceContext {
        tracestate = tracestate == null ? "" : tracestate;
    }

    /** The context if {@code traceparent} is a valid version-00 value; {@code tracestate} is dropped if malformed. */
    public static Optional<TraceContext> of(String traceparent, String tracestate) {
        if (traceparent == null || !TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
            return Optional.empty();
        }
        boolean stateOk = tracestate != null && TRACESTATE_FORMAT.matcher(tracestate).matches();
        return Optional.of(new TraceContext(traceparent, stateOk ? tracestate : ""));
    }

    /** The span the calling thread is in, if it is a recorded or propagated one. */
    public static Optional<TraceContext> current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return of(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
    }

    /** A context whose parent is this one, for starting a span under it. */
    public Context asParent() {
        return W3C.extract(Context.root(), this, GETTER);
    }

    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The headers or message properties that carry it: {@code traceparent}, and {@code tracestate} if any. */
    public Map<String, String> asHeaders() {
        return tracestate.isEmpty() ? Map.of(TRACEPARENT, traceparent)
                : Map.of(TRACEPARENT, traceparent, TRACESTATE, tracestate);
    }
}
