package com.contoso.media.events;

import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.tracing.Tracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a subscription's consumer takes a batch of event messages, each with an idempotent effect. Per message: a
 * poison message (it can never succeed) is written to the project's dead-letter queue with its reason and counts
 * as handled; the rest go to the handler. A transient failure does not stop the batch: the other messages are
 * still handled, and then the batch is thrown back for redelivery ({@link RedeliveryRequired}), where the ones
 * already handled are no-ops.
 */
public final class EventBatch {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatch.class);

    /** What the handler did with one event. */
    public enum Effect { APPLIED, DUPLICATE, SKIPPED }

    /** What one batch did. */
    public record Counts(int applied, int duplicates, int skipped, int deadLettered, int failed) {
    }

    /** The batch had transient failures: the host abandons it and the bus delivers it again. */
    public static final class RedeliveryRequired extends RuntimeException {
        RedeliveryRequired(int failed, int total, RuntimeException first) {
            super(failed + " of " + total + " messages failed transiently; first: " + first.getMessage(), first);
        }
    }

    private final MessageSender deadLetters;
    private final String subscription;
    private final Telemetry telemetry;
    private final Clock clock;

    /**
     * {@code subscription} names the consumer on its dead letters, so re-drive knows where they came from, and on
     * its spans and lag metric.
     */
    public EventBatch(MessageSender deadLetters, String subscription, Telemetry telemetry, Clock clock) {
        this.deadLetters = deadLetters;
        this.subscription = subscription;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    public Counts process(List<String> messageBodies, Function<UploadEvent, Effect> handler) {
        int[] effects = new int[Effect.values().length];
        int deadLettered = 0;
        int failed = 0;
        RuntimeException firstFailure = null;
        for (String body : messageBodies) {
            try {
                effects[handle(CloudEventCodec.decode(body), handler).ordinal()]++;
            } catch (PoisonEventException poison) {
                try {
                    deadLetter(body, poison);
                    deadLettered++;
                } catch (RuntimeException e) {
                    failed++;
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            } catch (RuntimeException e) {
                failed++;
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        Counts counts = new Counts(effects[Effect.APPLIED.ordinal()], effects[Effect.DUPLICATE.ordinal()],
                effects[Effect.SKIPPED.ordinal()], deadLettered, failed);
        LOG.info("{} batch handled: {\"applied\":{},\"duplicates\":{},\"skipped\":{},\"deadLettered\":{},"
                + "\"failed\":{}}", subscription, counts.applied(), counts.duplicates(), counts.skipped(),
                deadLettered, failed);
        if (firstFailure != null) {
            throw new RedeliveryRequired(failed, messageBodies.size(), firstFailure);
        }
        return counts;
    }

    /** One event in a span under the state change that raised it, so the consumer's writes join the upload's trace. */
    private Effect handle(UploadEvent event, Function<UploadEvent, Effect> handler) {
        telemetry.metrics().eventLag(subscription, Duration.between(event.time(), clock.instant()));
        Attributes attributes = Tracing.upload(event.tenantId(), event.uploadId()).toBuilder()
                .put(Tracing.EVENT, event.id()).put(Tracing.EVENT_TYPE, event.type().value()).build();
        return telemetry.tracing().call("process " + subscription, SpanKind.CONSUMER, event.trace(), attributes,
                () -> handler.apply(event));
    }

    private void deadLetter(String body, PoisonEventException poison) {
        LOG.warn("{}: dead-lettering a {} message: {}", subscription, poison.reason(), poison.getMessage());
        // A stable id for the same poison body, so a redelivered batch does not dead-letter it twice.
        String messageId = UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)).toString();
        deadLetters.send(List.of(new BusMessage(messageId, subscription, Map.of(
                DeadLetter.REASON, poison.reason(),
                DeadLetter.DESCRIPTION, poison.getMessage()), body)));
    }
}
