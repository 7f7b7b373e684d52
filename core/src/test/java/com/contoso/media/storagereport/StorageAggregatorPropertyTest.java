package com.contoso.media.storagereport;

import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.Upload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * The storage report converges to in-order application under every delivery the bus may give: random uploads,
 * accepts, transcodes, failures, deletes and expiries over several days; one event in three delivered twice; the
 * whole stream shuffled; batches handled by four consumers at once. Per day, the bytes by kind, the byte-days and
 * the uploads by status must equal in-order application's exactly.
 */
class StorageAggregatorPropertyTest {

    private static final ExecutorService CONSUMERS = Executors.newFixedThreadPool(4);
    private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");
    private static final LocalDate FROM = LocalDate.parse("2026-11-01");
    private static final LocalDate TO = LocalDate.parse("2026-11-20");

    @AfterContainer
    static void stopConsumers() {
        CONSUMERS.shutdownNow();
    }

    record Generated(String tenant, StorageHistories.Path path, long size, long renditions, long thumbnail,
                     long startSeconds, List<Integer> gapMinutes, boolean deleted) {
    }

    @Provide
    Arbitrary<List<Generated>> histories() {
        Arbitrary<Generated> upload = Combinators.combine(
                Arbitraries.of("tenant-a", "tenant-b"),
                Arbitraries.of(StorageHistories.Path.class),
                Arbitraries.longs().between(1, 3_000_000_000L),
                Arbitraries.longs().between(1, 900_000_000L),
                Arbitraries.longs().between(1, 200_000L),
                Arbitraries.longs().between(0, 6 * 86_400L),
                Arbitraries.integers().between(0, 36 * 60).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false)).as(Generated::new);
        return upload.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 1000)
    void everyDeliveryOrderGivesTheInOrderReport(@ForAll("histories") List<Generated> generated,
                                                 @ForAll long seed) throws Exception {
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < generated.size(); i++) {
            Generated g = generated.get(i);
            uploads.add(StorageHistories.upload(g.tenant(), "u" + i, g.path(), g.size(), g.renditions(),
                    g.thumbnail(), EPOCH.plusSeconds(g.startSeconds()).plusMillis(i),
                    g.gapMinutes().stream().map(m -> Duration.ofMinutes(m).plusMillis(m * 7L)).toList(), g.deleted()));
        }
        List<String> inOrder = StorageHistories.bodies(uploads);
        InMemoryStorageReportStore expected = new InMemoryStorageReportStore();
        aggregator(expected).fold(inOrder);

        Random random = new Random(seed);
        List<String> delivered = new ArrayList<>();
        for (String body : inOrder) {
            delivered.add(body);
            if (random.nextInt(3) == 0) {
                delivered.add(body);
            }
        }
        Collections.shuffle(delivered, random);
        InMemoryStorageReportStore actual = new InMemoryStorageReportStore();
        StorageAggregator consumer = aggregator(actual);
        List<Future<?>> batches = new ArrayList<>();
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(5));
            List<String> batch = List.copyOf(delivered.subList(from, to));
            batches.add(CONSUMERS.submit(() -> consumer.fold(batch)));
            from = to;
        }
        for (Future<?> batch : batches) {
            batch.get();
        }

        for (String tenant : List.of("tenant-a", "tenant-b")) {
            StorageReport want = StorageReport.of(tenant, FROM, TO, expected.daysThrough(tenant, TO), Optional.empty());
            StorageReport got = StorageReport.of(tenant, FROM, TO, actual.daysThrough(tenant, TO), Optional.empty());
            assertThat(got.days()).as(tenant).isEqualTo(want.days());
            assertThat(got.toCsv()).isEqualTo(want.toCsv());
        }
    }

    private static StorageAggregator aggregator(StorageReportStore store) {
        return new StorageAggregator(store, new InProcessQueue("dlq", 10, Optional.empty()), "storage-report", Telemetry.none(), Clock.systemUTC());
    }
}
