package com.contoso.media.messaging;

import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives dead-lettered events another chance when what stopped them was transient. From the usage-report
 * subscription's dead-letter queue, a message whose reason is transient (delivery count or time-to-live
 * exhausted) is re-sent to the topic unchanged, same message id and event id, so the aggregators' idempotency
 * records keep the count exactly-once; it waits until the topic's duplicate-detection window has passed (or
 * the topic would drop it as a duplicate). At most {@code REDRIVE_MAX_ATTEMPTS} re-drives per message, and none
 * for messages older than {@code REDRIVE_MAX_AGE_DAYS} (their idempotency records may be gone). Everything else
 * is moved to the project's dead-letter queue with a reason, where it stays for a person; the run's summary
 * counts what waits there, by reason.
 */
public final class RedriveDeadLetters {

    static final String NAME = "RedriveDeadLetters";
    static final String REDRIVE_COUNT = "redriveCount";
    static final String EXHAUSTED = "RedriveExhausted";
    static final String TOO_OLD = "TooOldToRedrive";
    private static final Set<String> TRANSIENT = Set.of(DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED,
            "TTLExpiredException");
    private static final int SUMMARY_PEEK = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RedriveDeadLetters.class);

    private final DeadLetterQueue subscriptionDeadLetters;
    private final DeadLetterQueue deadLetterStore;
    private final MessageSender topic;
    private final MessageSender parking;
    private final JobSettings settings;
    private final Clock clock;

    public RedriveDeadLetters(DeadLetterQueue subscriptionDeadLetters, DeadLetterQueue deadLetterStore,
                              MessageSender topic, MessageSender parking, JobSettings settings, Clock clock) {
        this.subscriptionDeadLetters = subscriptionDeadLetters;
        this.deadLetterStore = deadLetterStore;
        this.topic = topic;
        this.parking = parking;
        this.settings = settings;
        this.clock = clock;
    }

    public JobSummary run() {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<DeadLetterQueue.Locked> letters = subscriptionDeadLetters.receive(settings.batchSize());
        int redriven = 0;
        int parked = 0;
        int waiting = 0;
        int failed = 0;
        for (DeadLetterQueue.Locked locked : letters) {
            DeadLetter letter = locked.letter();
            try {
                Duration age = Duration.between(letter.enqueuedAt(), now);
                int attempts = Integer.parseInt(letter.message().properties().getOrDefault(REDRIVE_COUNT, "0"));
                if (!TRANSIENT.contains(letter.reason())) {
                    park(letter, letter.reason(), letter.description());
                    parked++;
                } else if (attempts >= settings.redriveMaxAttempts()) {
                    park(letter, EXHAUSTED, "Re-driven " + attempts + " times; last reason " + letter.reason()
                            + ": " + letter.description());
                    parked++;
                } else if (age.compareTo(settings.redriveMaxAge()) > 0) {
                    park(letter, TOO_OLD, "Enqueued " + age.toDays() + " days ago, past REDRIVE_MAX_AGE_DAYS;"
                            + " ReconcileReports accounts for it from the upload records");
                    parked++;
                } else if (age.compareTo(settings.duplicateDetection()) <= 0) {
                    subscriptionDeadLetters.abandon(locked);
                    waiting++;
                    continue;
                } else {
                    topic.send(List.of(letter.message().withProperties(
                            Map.of(REDRIVE_COUNT, String.valueOf(attempts + 1)))));
                    LOG.info("re-drove message {} ({}), attempt {}", letter.message().messageId(),
                            letter.message().subject(), attempts + 1);
                    redriven++;
                }
                subscriptionDeadLetters.complete(locked);
            } catch (RuntimeException e) {
                LOG.warn("could not re-drive dead letter {}", letter.message().messageId(), e);
                subscriptionDeadLetters.abandon(locked);
                failed++;
            }
        }
        Map<String, Long> details = new TreeMap<>();
        details.put("redriven", (long) redriven);
        details.put("parked", (long) parked);
        details.put("waitingForDuplicateWindow", (long) waiting);
        deadLetterStore.peek(SUMMARY_PEEK).forEach(left -> details.merge("left." + left.reason(), 1L, Long::sum));
        JobSummary summary = new JobSummary(NAME, letters.size(), redriven + parked, failed,
                letters.size() == settings.batchSize(), (System.nanoTime() - started) / 1_000_000, details);
        LOG.info(Json.write(summary));
        return summary;
    }

    /** Keeps the message id, so a crash between this send and the completion is absorbed by duplicate detection. */
    private void park(DeadLetter letter, String reason, String description) {
        parking.send(List.of(letter.message().withProperties(
                Map.of(DeadLetter.REASON, reason, DeadLetter.DESCRIPTION, description))));
        LOG.warn("dead letter {} set aside: {} ({})", letter.message().messageId(), reason, description);
    }
}
