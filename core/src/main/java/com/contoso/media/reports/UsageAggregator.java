package com.contoso.media.reports;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.PoisonEventException;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.MessageSender;
import com.contoso.media.messaging.BusMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds a batch of event messages into the usage reports, each exactly once. Per message: a poison message
 * (it can never succeed) is written to the dead-letter queue with its reason and counts as handled; an event the
 * report does not fold is skipped; the rest are applied through {@link ReportStore#applyOnce}. A transient
 * failure does not stop the batch: the other messages are still applied, and then the batch is thrown back for
 * redelivery ({@link RedeliveryRequired}), where the ones already applied are no-ops.
 */
public final class UsageAggregator {

    private static final Logger LOG = LoggerFactory.getLogger(UsageAggregator.class);

    /** The batch had transient failures: the host abandons it and the bus delivers it again. */
    public static final class RedeliveryRequired extends RuntimeException {
        RedeliveryRequired(int failed, int total, RuntimeException first) {
            super(failed + " of " + total + " messages failed transiently; first: " + first.getMessage(), first);
        }
    }

    /** What one batch did. */
    public record Outcome(int applied, int duplicates, int skipped, int deadLettered, int failed) {
    }

    private final ReportStore store;
    private final MessageSender deadLetters;
    private final String subscription;

    public UsageAggregator(ReportStore store, MessageSender deadLetters, String subscription) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.subscription = subscription;
    }

    public Outcome fold(List<String> messageBodies) {
        int applied = 0;
        int duplicates = 0;
        int skipped = 0;
        int deadLettered = 0;
        int failed = 0;
        RuntimeException firstFailure = null;
        for (String body : messageBodies) {
            try {
                UploadEvent event = CloudEventCodec.decode(body);
                if (!UsageProjection.folds(event.type())) {
                    skipped++;
                } else if (store.applyOnce(UsageProjection.foldOf(event))) {
                    applied++;
                } else {
                    duplicates++;
                }
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
        Outcome outcome = new Outcome(applied, duplicates, skipped, deadLettered, failed);
        LOG.info("usage batch folded: {\"applied\":{},\"duplicates\":{},\"skipped\":{},\"deadLettered\":{},"
                + "\"failed\":{}}", applied, duplicates, skipped, deadLettered, failed);
        if (firstFailure != null) {
            throw new RedeliveryRequired(failed, messageBodies.size(), firstFailure);
        }
        return outcome;
    }

    private void deadLetter(String body, PoisonEventException poison) {
        LOG.warn("dead-lettering a {} message: {}", poison.reason(), poison.getMessage());
        // A stable id for the same poison body, so a redelivered batch does not dead-letter it twice.
        String messageId = UUID.nameUUIDFromBytes(body.getBytes(StandardCharsets.UTF_8)).toString();
        deadLetters.send(List.of(new BusMessage(messageId, subscription, Map.of(
                DeadLetter.REASON, poison.reason(),
                DeadLetter.DESCRIPTION, poison.getMessage()), body)));
    }
}
