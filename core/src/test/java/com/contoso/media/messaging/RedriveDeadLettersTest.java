package com.contoso.media.messaging;

import com.contoso.media.events.BusEventPublisher;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.jobs.JobFixtures;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.usagereport.InMemoryReportStore;
import com.contoso.media.usagereport.UsageAggregator;
import com.contoso.media.usagereport.UsageCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class RedriveDeadLettersTest {

    private final JobFixtures fixtures = new JobFixtures();
    private final InProcessTopic topic = new InProcessTopic(Duration.ofMinutes(60), fixtures.clock);
    private final InProcessQueue subscription = new InProcessQueue("usage-report", 2, Optional.empty(),
            fixtures.clock);
    private final InProcessQueue parking = new InProcessQueue("media-events-deadletter", 10, Optional.empty(),
            fixtures.clock);
    private final InMemoryReportStore reports = new InMemoryReportStore(Duration.ofDays(30), fixtures.clock);
    private final UsageAggregator aggregator = new UsageAggregator(reports, parking, "usage-report", Telemetry.none(), Clock.systemUTC());

    RedriveDeadLettersTest() {
        topic.subscribe(message -> true, subscription);
    }

    private RedriveDeadLetters job(DeadLetterQueue source) {
        return new RedriveDeadLetters(source, parking.asDeadLetterStore(), topic, parking, JobFixtures.settings(100),
                fixtures.clock);
    }

    private static UploadEvent accepted(String upload, long size) {
        return new UploadEvent(UploadEvent.idOf("t1", upload, 2), EventType.UPLOAD_ACCEPTED, "t1", upload, "c", 2,
                Instant.parse("2026-06-01T11:00:00Z"), new UploadEventData("f.pdf", "application/pdf", size,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** Every delivery fails until the subscription (max delivery count 2) dead-letters the messages. */
    private void deadLetterEverything() throws InterruptedException {
        for (int attempt = 0; attempt < 2; attempt++) {
            subscription.abandon(subscription.receive(100, Duration.ZERO));
        }
        assertThat(subscription.unsettled()).isZero();
    }

    private UsageCounters foldDelivered() throws InterruptedException {
        List<Delivery> delivered = subscription.receive(100, Duration.ZERO);
        aggregator.fold(delivered.stream().map(d -> d.message().body()).toList());
        subscription.complete(delivered);
        return reports.read("t1", LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-01")).stream().findFirst()
                .map(d -> d.counters()).orElse(UsageCounters.ZERO);
    }

    @Test
    void transientDeadLettersAreRedrivenOnceTheDuplicateWindowPassedAndCountExactlyOnce() throws Exception {
        new BusEventPublisher(topic).publish(List.of(accepted("u1", 100), accepted("u2", 20)));
        // u1 was folded once before its delivery failed for good: a re-drive must not count it again.
        List<Delivery> first = subscription.receive(1, Duration.ZERO);
        aggregator.fold(List.of(first.get(0).message().body()));
        subscription.abandon(first);
        deadLetterEverything();

        JobSummary early = job(subscription.deadLetterQueue()).run();
        assertThat(early.details()).containsEntry("waitingForDuplicateWindow", 2L).containsEntry("redriven", 0L);
        assertThat(subscription.deadLetters()).hasSize(2);

        fixtures.now = fixtures.now.plus(Duration.ofMinutes(61));
        JobSummary redrive = job(subscription.deadLetterQueue()).run();

        assertThat(redrive.details()).containsEntry("redriven", 2L);
        assertThat(subscription.deadLetters()).isEmpty();
        assertThat(foldDelivered()).isEqualTo(new UsageCounters(2, 120, 0, 0, 0, 0, 0));
        assertThat(job(subscription.deadLetterQueue()).run().examined()).as("second run").isZero();
    }

    @Test
    void twoRunsAtOnceRedriveEachDeadLetterOnce() throws Exception {
        new BusEventPublisher(topic).publish(List.of(accepted("u1", 1), accepted("u2", 2), accepted("u3", 4)));
        deadLetterEverything();
        fixtures.now = fixtures.now.plus(Duration.ofMinutes(61));

        List<JobSummary> runs = List.of(
                CompletableFuture.supplyAsync(() -> job(subscription.deadLetterQueue()).run()),
                CompletableFuture.supplyAsync(() -> job(subscription.deadLetterQueue()).run()))
                .stream().map(CompletableFuture::join).toList();

        assertThat(runs.stream().mapToLong(r -> r.details().get("redriven")).sum()).isEqualTo(3);
        assertThat(subscription.unsettled()).isEqualTo(3);
        assertThat(foldDelivered()).isEqualTo(new UsageCounters(3, 7, 0, 0, 0, 0, 0));
    }

    @Test
    void whatCannotBeRedrivenIsParkedWithAReasonAndSummarisedByReason() {
        Instant now = fixtures.now;
        FixedDeadLetters source = new FixedDeadLetters(List.of(
                letter("poison-ish", Map.of(), "SessionLockLost", now.minus(Duration.ofHours(2))),
                letter("tired", Map.of("redriveCount", "3"), DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED,
                        now.minus(Duration.ofHours(2))),
                letter("ancient", Map.of(), DeadLetter.MAX_DELIVERY_COUNT_EXCEEDED, now.minus(Duration.ofDays(15)))));
        aggregator.fold(List.of("{not json"));

        JobSummary summary = job(source).run();

        assertThat(summary.details()).containsEntry("parked", 3L).containsEntry("redriven", 0L)
                .containsEntry("left.SessionLockLost", 1L).containsEntry("left." + RedriveDeadLetters.EXHAUSTED, 1L)
                .containsEntry("left." + RedriveDeadLetters.TOO_OLD, 1L).containsEntry("left.MalformedJson", 1L);
        assertThat(source.completed).hasSize(3);
        assertThat(parking.asDeadLetterStore().peek(10)).extracting(d -> d.message().messageId())
                .contains("poison-ish", "tired", "ancient");
    }

    private static DeadLetter letter(String id, Map<String, String> properties, String reason, Instant enqueuedAt) {
        return new DeadLetter(new BusMessage(id, "media.upload.accepted", properties, "{}"), reason, "why",
                enqueuedAt);
    }

    /** A dead-letter queue holding given letters, recording what the job settles. */
    private static final class FixedDeadLetters implements DeadLetterQueue {
        private final List<DeadLetter> letters;
        private final List<DeadLetter> completed = new ArrayList<>();

        FixedDeadLetters(List<DeadLetter> letters) {
            this.letters = letters;
        }

        @Override
        public List<DeadLetter> peek(int max) {
            return letters;
        }

        @Override
        public List<Locked> receive(int max) {
            return letters.stream().map(l -> new Locked(l, l)).toList();
        }

        @Override
        public void complete(Locked letter) {
            completed.add(letter.letter());
        }

        @Override
        public void abandon(Locked letter) {
        }
    }
}
