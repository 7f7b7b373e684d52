package com.contoso.media.usagereport;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventBatch;
import com.contoso.media.events.EventBodies;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.messaging.DeadLetter;
import com.contoso.media.messaging.Delivery;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageAggregatorTest {

    static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2026-11-23");

    private final InMemoryReportStore store = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());
    private final InProcessQueue deadLetters = new InProcessQueue("dlq", 10, Optional.empty());
    private final UsageAggregator aggregator = new UsageAggregator(store, deadLetters, "usage-report", Telemetry.none(), Clock.systemUTC());

    static UploadEvent event(String tenant, String upload, long sequence, EventType type, long size, Instant at) {
        return new UploadEvent(UploadEvent.idOf(tenant, upload, sequence), type, tenant, upload, "c", sequence, at,
                new UploadEventData("f", "video/mp4", size, Optional.of(2_500L), Optional.of(size / 2),
                        Optional.empty()));
    }

    private UsageCounters day(String tenant) {
        return store.read(tenant, DAY, DAY).stream().findFirst().map(DailyUsage::counters).orElse(UsageCounters.ZERO);
    }

    @Test
    void foldsEachEventOnceAndSkipsTypesTheReportDoesNotCount() {
        String accepted = CloudEventCodec.encode(event("t", "u1", 2, EventType.UPLOAD_ACCEPTED, 100, T));
        String rejected = CloudEventCodec.encode(event("t", "u2", 2, EventType.UPLOAD_REJECTED, 40, T));
        String transcoded = CloudEventCodec.encode(event("t", "u1", 4, EventType.TRANSCODE_SUCCEEDED, 100, T));
        String requested = CloudEventCodec.encode(event("t", "u3", 1, EventType.UPLOAD_REQUESTED, 7, T));

        EventBatch.Counts outcome = aggregator.fold(List.of(accepted, rejected, accepted, transcoded, requested));

        assertThat(outcome).isEqualTo(new EventBatch.Counts(3, 1, 1, 0, 0));
        assertThat(day("t")).isEqualTo(new UsageCounters(2, 140, 1, 2_500, 50, 1, 0));
        assertThat(store.newestFolded("t")).contains(T);
        assertThat(day("other-tenant")).isEqualTo(UsageCounters.ZERO);
    }

    @Test
    void foldsVersionOneAndVersionTwoEventsAlike() {
        String v2 = CloudEventCodec.encode(event("t", "u1", 2, EventType.UPLOAD_ACCEPTED, 100, T));
        String v1 = CloudEventCodec.encode(event("t", "u2", 2, EventType.UPLOAD_ACCEPTED, 40, T))
                .replace(CloudEventCodec.DATA_SCHEMA.toString(), CloudEventCodec.DATA_SCHEMA_V1.toString());

        assertThat(aggregator.fold(List.of(v1, v2)).applied()).isEqualTo(2);
        assertThat(day("t").uploadedBytes()).isEqualTo(140);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON        | {oops                        | MalformedJson",
        "unsupported version   | specversion=2.0              | UnsupportedSchemaVersion",
        "unknown type          | type=media.upload.teleported | UnknownEventType",
        "missing tenant        | -tenantid                    | MissingTenant"})
    void aPoisonMessageIsDeadLetteredWithItsReasonWhileTheRestOfTheBatchIsFolded(String name, String change,
                                                                                 String reason) throws Exception {
        String good1 = CloudEventCodec.encode(event("t", "u1", 2, EventType.UPLOAD_ACCEPTED, 100, T));
        String good2 = CloudEventCodec.encode(event("t", "u2", 2, EventType.UPLOAD_ACCEPTED, 5, T));
        String poison = EventBodies.mutate(
                CloudEventCodec.encode(event("t", "u9", 2, EventType.UPLOAD_ACCEPTED, 1, T)), change);

        EventBatch.Counts outcome = aggregator.fold(List.of(good1, poison, good2));

        assertThat(outcome.applied()).isEqualTo(2);
        assertThat(outcome.deadLettered()).isEqualTo(1);
        assertThat(day("t").uploads()).isEqualTo(2);
        List<Delivery> dead = deadLetters.receive(10, Duration.ZERO);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.message().body()).isEqualTo(poison);
            assertThat(d.message().properties()).containsEntry(DeadLetter.REASON, reason)
                    .containsKey(DeadLetter.DESCRIPTION);
            assertThat(d.message().subject()).isEqualTo("usage-report");
        });
    }

    @Test
    void aTransientFailureAsksForRedeliveryAfterFoldingTheOthersAndTheRedeliveryCountsOnce() {
        UploadEvent flaky = event("t", "u2", 2, EventType.UPLOAD_ACCEPTED, 20, T);
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        ReportStore failingOnce = new ForwardingReportStore(store) {
            @Override
            public boolean applyOnce(UsageFold fold) {
                if (fold.eventId().equals(flaky.id()) && failedOnce.add(fold.eventId())) {
                    throw new IllegalStateException("503 from the store");
                }
                return super.applyOnce(fold);
            }
        };
        UsageAggregator flakyAggregator = new UsageAggregator(failingOnce, deadLetters, "usage-report", Telemetry.none(), Clock.systemUTC());
        List<String> batch = List.of(CloudEventCodec.encode(event("t", "u1", 2, EventType.UPLOAD_ACCEPTED, 10, T)),
                CloudEventCodec.encode(flaky), CloudEventCodec.encode(event("t", "u3", 2, EventType.UPLOAD_ACCEPTED,
                        30, T)));

        assertThatThrownBy(() -> flakyAggregator.fold(batch)).isInstanceOf(EventBatch.RedeliveryRequired.class)
                .hasMessageContaining("1 of 3");
        assertThat(day("t").uploads()).isEqualTo(2);

        assertThat(flakyAggregator.fold(batch)).isEqualTo(new EventBatch.Counts(1, 2, 0, 0, 0));
        assertThat(day("t")).isEqualTo(new UsageCounters(3, 60, 0, 0, 0, 0, 0));
    }

    @Test
    void anOlderEventCountsWithoutMovingTheNewestFoldedBack() {
        aggregator.fold(List.of(CloudEventCodec.encode(event("t", "u1", 2, EventType.UPLOAD_ACCEPTED, 1, T))));
        aggregator.fold(List.of(CloudEventCodec.encode(event("t", "u0", 2, EventType.UPLOAD_ACCEPTED, 1,
                T.minusSeconds(60)))));

        assertThat(store.newestFolded("t")).contains(T);
        assertThat(day("t").uploads()).isEqualTo(2);
    }

    /** Delegates everything; tests override the one operation they want to break. */
    static class ForwardingReportStore implements ReportStore {
        private final ReportStore delegate;

        ForwardingReportStore(ReportStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean applyOnce(UsageFold fold) {
            return delegate.applyOnce(fold);
        }

        @Override
        public List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to) {
            return delegate.read(tenantId, from, to);
        }

        @Override
        public Optional<Instant> newestFolded(String tenantId) {
            return delegate.newestFolded(tenantId);
        }

        @Override
        public boolean wasApplied(String tenantId, String eventId) {
            return delegate.wasApplied(tenantId, eventId);
        }

        @Override
        public Optional<String> checkpoint(String job) {
            return delegate.checkpoint(job);
        }

        @Override
        public void saveCheckpoint(String job, String position) {
            delegate.saveCheckpoint(job, position);
        }
    }
}
