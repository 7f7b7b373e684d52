package com.contoso.media.events;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.Delivery;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.messaging.InProcessTopic;
import com.contoso.media.tracing.MediaMetrics;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.Upload;
import com.contoso.media.usagereport.InMemoryReportStore;
import com.contoso.media.usagereport.UsageAggregator;
import com.contoso.media.usagereport.UsageCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox never loses an event, and an event published twice is still counted once. */
class OutboxRelayTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    // No duplicate detection: the aggregator alone must make a second publish harmless.
    private final InProcessTopic topic = new InProcessTopic(Duration.ZERO, Clock.systemUTC());
    private final InProcessQueue subscription = new InProcessQueue("usage-report", 10, Optional.empty());
    private final InMemoryReportStore reports = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());
    private final InProcessQueue deadLetters = new InProcessQueue("dlq", 10, Optional.empty());
    private final UsageAggregator aggregator = new UsageAggregator(reports, deadLetters, "usage-report", Telemetry.none(), Clock.systemUTC());

    OutboxRelayTest() {
        topic.subscribe(message -> true, subscription);
    }

    private void acceptAPdf() {
        Upload created = uploads.create(Upload.awaitingUpload("u1", "t", "a.pdf", "application/pdf", 1234,
                new BlobRef("uploads", "t/u1/a.pdf"), "corr", T, T.plusSeconds(900)));
        uploads.replace(uploads.replace(created.startValidating(T)).succeed(List.of(), T));
    }

    private UsageCounters foldEverythingDelivered() throws InterruptedException {
        List<Delivery> delivered = subscription.receive(100, Duration.ZERO);
        aggregator.fold(delivered.stream().map(d -> d.message().body()).toList());
        subscription.complete(delivered);
        return reports.read("t", LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-23")).get(0).counters();
    }

    @Test
    void stateChangesWriteTheirEventsToTheOutboxAtomically() {
        acceptAPdf();

        assertThat(uploads.pending(10)).extracting(UploadEvent::type)
                .containsExactly(EventType.UPLOAD_REQUESTED, EventType.UPLOAD_ACCEPTED);
        assertThat(uploads.pending(10)).extracting(UploadEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void aCrashBeforeThePublishLeavesTheEventsInTheOutboxAndTheNextRelaySendsThem() throws Exception {
        acceptAPdf();
        OutboxRelay crashing = new OutboxRelay(uploads, events -> {
            throw new IllegalStateException("process killed before the topic answered");
        }, deadLetters, MediaMetrics.none(), Clock.systemUTC());

        assertThatThrownBy(() -> crashing.relayPending(10)).isInstanceOf(IllegalStateException.class);
        assertThat(uploads.pending(10)).hasSize(2);

        assertThat(new OutboxRelay(uploads, new BusEventPublisher(topic), deadLetters, MediaMetrics.none(), Clock.systemUTC()).relayPending(10)).isEqualTo(2);
        assertThat(uploads.pending(10)).isEmpty();
        assertThat(foldEverythingDelivered()).isEqualTo(new UsageCounters(1, 1234, 0, 0, 0, 0, 0));
    }

    @Test
    void aCrashAfterThePublishAndBeforeTheRemovalRepublishesAndTheReportCountsOnce() throws Exception {
        acceptAPdf();
        AtomicBoolean crashed = new AtomicBoolean();
        Outbox crashesOnRemove = new Outbox() {
            @Override
            public List<UploadEvent> pending(int limit) {
                return uploads.pending(limit);
            }

            @Override
            public void remove(UploadEvent event) {
                if (crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("process killed after publishing");
                }
                uploads.remove(event);
            }
        };
        OutboxRelay relay = new OutboxRelay(crashesOnRemove, new BusEventPublisher(topic), deadLetters, MediaMetrics.none(), Clock.systemUTC());

        assertThatThrownBy(() -> relay.relayPending(10)).isInstanceOf(IllegalStateException.class);
        assertThat(relay.relayPending(10)).isEqualTo(2);

        assertThat(subscription.unsettled()).isEqualTo(4);
        assertThat(foldEverythingDelivered()).isEqualTo(new UsageCounters(1, 1234, 0, 0, 0, 0, 0));
        assertThat(uploads.pending(10)).isEmpty();
    }

    @Test
    void anUnreadableOutboxDocumentIsParkedWithItsReasonAndTheRestOfTheBatchFlows() throws Exception {
        acceptAPdf();
        List<UploadEvent> readable = uploads.pending(10);
        OutboxBatch batch = new OutboxBatch(readable,
                List.of(new OutboxBatch.Unreadable("{\"docType\":\"outbox\",\"type\":42}", "MalformedEvent: no id")));
        OutboxRelay relay = new OutboxRelay(uploads, new BusEventPublisher(topic), deadLetters, MediaMetrics.none(), Clock.systemUTC());

        assertThat(relay.relay(batch)).isEqualTo(2);
        relay.relay(batch);

        assertThat(foldEverythingDelivered()).isEqualTo(new UsageCounters(1, 1234, 0, 0, 0, 0, 0));
        List<Delivery> parked = deadLetters.receive(10, Duration.ZERO);
        assertThat(parked).hasSize(2).allSatisfy(delivery -> {
            assertThat(delivery.message().properties()).containsEntry(DeadLetter.REASON, OutboxRelay.UNREADABLE)
                    .containsEntry(DeadLetter.DESCRIPTION, "MalformedEvent: no id");
            assertThat(delivery.message().messageId()).isEqualTo(parked.get(0).message().messageId());
        });
    }
}
