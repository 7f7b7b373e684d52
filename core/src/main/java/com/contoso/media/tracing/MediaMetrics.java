package com.contoso.media.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;

/**
 * The service's own metrics, named and documented in docs/operations.md. Outcomes are low-cardinality
 * attributes (no tenant or upload ids: those belong on spans).
 */
public final class MediaMetrics {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("consumer");

    private final LongCounter uploads;
    private final DoubleHistogram intakeSeconds;
    private final DoubleHistogram transcodeSpeed;
    private final DoubleHistogram eventLagSeconds;
    private final LongCounter webhookDeliveries;

    public MediaMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter("com.contoso.media");
        uploads = meter.counterBuilder("media.uploads").setUnit("{upload}")
                .setDescription("Uploads that reached an outcome of intake or transcoding").build();
        intakeSeconds = meter.histogramBuilder("media.intake.duration").setUnit("s")
                .setDescription("From the blob-created notification to the upload accepted or rejected").build();
        transcodeSpeed = meter.histogramBuilder("media.transcode.speed").setUnit("1")
                .setDescription("Seconds of video encoded per second of wall time, per transcoded upload").build();
        eventLagSeconds = meter.histogramBuilder("media.events.lag").setUnit("s")
                .setDescription("From an event's state change to its publication (outbox) or processing (a consumer)")
                .build();
        webhookDeliveries = meter.counterBuilder("media.webhook.deliveries").setUnit("{attempt}")
                .setDescription("Webhook delivery attempts by outcome").build();
    }

    public static MediaMetrics none() {
        return new MediaMetrics(OpenTelemetry.noop());
    }

    /** {@code outcome}: accepted, rejected, succeeded, failed. */
    public void uploadOutcome(String outcome) {
        uploads.add(1, Attributes.of(OUTCOME, outcome));
    }

    public void intakeTook(Duration duration, String outcome) {
        intakeSeconds.record(seconds(duration), Attributes.of(OUTCOME, outcome));
    }

    public void transcoded(double videoSeconds, Duration wall) {
        if (!wall.isZero() && !wall.isNegative()) {
            transcodeSpeed.record(videoSeconds / seconds(wall));
        }
    }

    /** {@code consumer}: outbox (published to the topic), usage-report, storage-report, webhooks. */
    public void eventLag(String consumer, Duration lag) {
        eventLagSeconds.record(Math.max(0, seconds(lag)), Attributes.of(CONSUMER, consumer));
    }

    /** {@code outcome}: delivered, retrying, failed. */
    public void webhookAttempt(String outcome) {
        webhookDeliveries.add(1, Attributes.of(OUTCOME, outcome));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
