package com.contoso.media.tracing;

import io.opentelemetry.api.OpenTelemetry;

/** What the services report through: spans of each upload's trace, and the service's metrics. */
public record Telemetry(Tracing tracing, MediaMetrics metrics) {

    public static Telemetry of(OpenTelemetry openTelemetry) {
        return new Telemetry(new Tracing(openTelemetry), new MediaMetrics(openTelemetry));
    }

    /** Records nothing and costs next to nothing: the API's no-op implementation. */
    public static Telemetry none() {
        return of(OpenTelemetry.noop());
    }
}
