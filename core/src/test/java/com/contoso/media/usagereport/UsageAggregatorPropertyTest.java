package com.contoso.media.usagereport;

import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.tracing.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage report is exact under the delivery Service Bus may give: every event at least once, one in five
 * twice, in any order, in batches of any size, with several consumers at once.
 */
class UsageAggregatorPropertyTest {

    private static final ExecutorService CONSUMERS = Executors.newFixedThreadPool(4);
    private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");

    @AfterContainer
    static void stopConsumers() {
        CONSUMERS.shutdownNow();
    }

    record Generated(String tenant, int upload, EventType type, long size, long durationMillis, long outputBytes,
                     long secondsIntoMonth) {
    }

    @Provide
    Arbitrary<List<Generated>> histories() {
        Arbitrary<Generated> event = Combinators.combine(
                Arbitraries.of("tenant-a", "tenant-b", "tenant-c"),
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(EventType.class),
                Arbitraries.longs().between(1, 3_000_000_000L),
                Arbitraries.longs().between(0, 7_200_000),
                Arbitraries.longs().between(0, 900_000_000),
                Arbitraries.longs().between(0, 5 * 86_400 - 1)).as(Generated::new);
        return event.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 1000)
    void theReportEqualsTheFoldOfTheDistinctEvents(@ForAll("histories") List<Generated> history,
                                                    @ForAll Random random) throws Exception {
        List<UploadEvent> events = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            events.add(toEvent(history.get(i), i + 1));
        }
        List<String> deliveries = new ArrayList<>();
        for (UploadEvent event : events) {
            deliveries.add(CloudEventCodec.encode(event));
            if (random.nextDouble() < 0.2) {
                deliveries.add(CloudEventCodec.encode(event));
            }
        }
        Collections.shuffle(deliveries, random);
        InMemoryReportStore store = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());
        UsageAggregator aggregator = new UsageAggregator(store, new InProcessQueue("dlq", 10, Optional.empty()),
                "usage-report", Telemetry.none(), Clock.systemUTC());

        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); ) {
            int to = Math.min(deliveries.size(), from + 1 + random.nextInt(12));
            List<String> batch = deliveries.subList(from, to);
            batches.add(CONSUMERS.submit(() -> aggregator.fold(batch)));
            from = to;
        }
        for (Future<?> batch : batches) {
            batch.get();
        }

        Map<String, Map<LocalDate, UsageCounters>> expected = new HashMap<>();
        Map<String, Instant> expectedNewest = new HashMap<>();
        for (UploadEvent event : events) {
            if (UsageProjection.folds(event.type())) {
                expected.computeIfAbsent(event.tenantId(), t -> new HashMap<>())
                        .merge(UsageProjection.dayOf(event), UsageProjection.deltaOf(event), UsageCounters::plus);
                expectedNewest.merge(event.tenantId(), event.time(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        for (String tenant : List.of("tenant-a", "tenant-b", "tenant-c")) {
            Map<LocalDate, UsageCounters> actual = new HashMap<>();
            store.read(tenant, LocalDate.MIN, LocalDate.MAX).forEach(day -> actual.put(day.day(), day.counters()));
            assertThat(actual).isEqualTo(expected.getOrDefault(tenant, Map.of()));
            assertThat(store.newestFolded(tenant)).isEqualTo(Optional.ofNullable(expectedNewest.get(tenant)));
        }
    }

    private static UploadEvent toEvent(Generated g, long sequence) {
        String upload = "u" + g.upload();
        return new UploadEvent(UploadEvent.idOf(g.tenant(), upload, sequence), g.type(), g.tenant(), upload, "c",
                sequence, EPOCH.plusSeconds(g.secondsIntoMonth()).plusMillis(sequence),
                new UploadEventData("f.mp4", "video/mp4", g.size(), Optional.of(g.durationMillis()),
                        Optional.of(g.outputBytes()), Optional.empty()));
    }
}
