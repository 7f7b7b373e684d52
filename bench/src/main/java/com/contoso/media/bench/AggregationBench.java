package com.contoso.media.bench;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.app.AzureClients;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.messaging.MessagePump;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.usagereport.InMemoryReportStore;
import com.contoso.media.usagereport.TableReportStore;
import com.contoso.media.usagereport.UsageAggregator;
import com.contoso.media.usagereport.UsageCounters;
import com.contoso.media.usagereport.UsageFold;
import com.contoso.media.usagereport.UsageProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One usage-aggregator instance on the local runtime's bus (subscription + receivers, as the Functions host
 * runs it), fed 50,000 events over 10 tenants and 7 days with 20% duplicates, nearly in order and in random
 * order. Side by side: the
 * project's aggregator (one transactional batch per event) and a naive read-modify-write one (read the
 * idempotency record, read the day, write both back on its ETag). Store operations stand for Cosmos DB round
 * trips. Then the same aggregator on Azurite's Table storage, the local runtime's report store, beside memory.
 */
final class AggregationBench {

    private static final int EVENTS = 50_000;
    private static final int RECEIVERS = 4;
    private static final int BATCH = 32;
    /** Azurite's Table service answers in milliseconds, so fewer events keep the run short. */
    private static final int TABLE_EVENTS = 3_000;

    /** Service Bus delivers nearly in order (reordered within a window); the worst case is any order at all. */
    private static final int NEAR_ORDER_WINDOW = 64;

    void run() throws Exception {
        for (int round = 1; round <= 3; round++) {
            compare("near order", EVENTS, NEAR_ORDER_WINDOW, Duration.ZERO, round);
        }
        compare("random order (worst case)", EVENTS, Integer.MAX_VALUE, Duration.ZERO, 1);
        // With a store that costs something per call, round trips become time.
        compare("near order, 1 ms per store round trip", EVENTS / 10, NEAR_ORDER_WINDOW, Duration.ofMillis(1), 1);
        compareWithTables(TABLE_EVENTS);
    }

    /**
     * The same aggregator on the local runtime's report store (Azurite Table storage) beside the in-memory one:
     * deliveries per second, and HTTP round trips to the Table service per delivery and per new event, counted by
     * a pipeline policy (goal: one entity-group transaction per new event, plus at most one read).
     */
    private static void compareWithTables(int events) throws Exception {
        List<String> deliveries = deliveries(events, NEAR_ORDER_WINDOW, new Random(7));
        InMemoryReportStore memory = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());
        double memoryRate = drain(deliveries, new UsageAggregator(memory,
                new InProcessQueue("dlq", 10, Optional.empty()), "usage-report", Telemetry.none(), Clock.systemUTC())::fold);
        AtomicLong tableCalls = new AtomicLong();
        TableServiceClient service = new TableServiceClientBuilder().connectionString(AzureClients.AZURITE_LOCALHOST)
                .addPolicy((context, next) -> {
                    tableCalls.incrementAndGet();
                    return next.process();
                }).buildClient();
        String name = "benchreports" + System.currentTimeMillis();
        service.createTableIfNotExists(name);
        try {
            TableReportStore tables = new TableReportStore(service.getTableClient(name), Duration.ofDays(30),
                    Clock.systemUTC());
            tableCalls.set(0);
            double tablesRate = drain(deliveries, new UsageAggregator(tables,
                    new InProcessQueue("dlq", 10, Optional.empty()), "usage-report", Telemetry.none(), Clock.systemUTC())::fold);
            int duplicates = deliveries.size() - events;
            System.out.printf("aggregation on Azurite Tables vs in memory: %,d deliveries of %,d distinct events%n",
                    deliveries.size(), events);
            System.out.printf("  in memory: %,9.0f deliveries/s, round trips %.2f per new event%n", memoryRate,
                    (double) (memory.roundTrips() - duplicates) / events);
            System.out.printf("  tables   : %,9.0f deliveries/s, round trips %.2f per delivery, %.2f per new event"
                    + " (goal 1 transaction + at most 1 read)%n", tablesRate,
                    (double) tableCalls.get() / deliveries.size(), (double) (tableCalls.get() - duplicates) / events);
            System.out.printf("  ratio    : throughput in memory/tables %.1f%n", memoryRate / tablesRate);
        } finally {
            service.deleteTable(name);
        }
    }

    private static void compare(String label, int events, int window, Duration latency, int round)
            throws Exception {
        List<String> deliveries = deliveries(events, window, new Random(42 + round));
        InMemoryReportStore batched = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());
        UsageAggregator aggregator = new UsageAggregator(new SlowReportStore(batched, latency),
                new InProcessQueue("dlq", 10, Optional.empty()), "usage-report", Telemetry.none(), Clock.systemUTC());
        double batchedRate = drain(deliveries, aggregator::fold);
        NaiveAggregator naive = new NaiveAggregator(latency);
        double naiveRate = drain(deliveries, naive::fold);
        System.out.printf("aggregation, %s, round %d: %,d deliveries of %,d distinct events%n", label, round,
                deliveries.size(), events);
        // A duplicate costs one round trip either way (a refused batch; a read of the record), so what a new event
        // costs is what remains after taking one per duplicate off.
        int duplicates = deliveries.size() - events;
        double batchedPerNew = (double) (batched.roundTrips() - duplicates) / events;
        double naivePerNew = (double) (naive.roundTrips.get() - duplicates) / events;
        System.out.printf("  batched : %,9.0f deliveries/s, round trips %.2f per delivery, %.2f per new event%n",
                batchedRate, (double) batched.roundTrips() / deliveries.size(), batchedPerNew);
        System.out.printf("  naive   : %,9.0f deliveries/s, round trips %.2f per delivery, %.2f per new event%n",
                naiveRate, (double) naive.roundTrips.get() / deliveries.size(), naivePerNew);
        System.out.printf("  ratios  : round trips per new event naive/batched %.2f (goal 3 vs 1), throughput"
                + " batched/naive %.2f; batched %s 2,000 deliveries/s%n", naivePerNew / batchedPerNew,
                batchedRate / naiveRate, batchedRate >= 2000 ? ">=" : "<");
    }

    /** Sends every delivery to a fresh subscription and returns deliveries per second until all are settled. */
    private static double drain(List<String> deliveries, Consumer<List<String>> handler) throws Exception {
        InProcessQueue subscription = new InProcessQueue("usage-report", 10, Optional.empty());
        long start = System.nanoTime();
        try (MessagePump pump = new MessagePump(subscription, handler, RECEIVERS, BATCH)) {
            subscription.send(deliveries.stream().map(body ->
                    new BusMessage("m", "s", Map.of(), body)).toList());
            while (subscription.unsettled() > 0) {
                Thread.sleep(1);
            }
        }
        return deliveries.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Events in time order, one in five delivered twice, shuffled within windows of {@code window}. */
    private static List<String> deliveries(int events, int window, Random random) {
        List<EventType> folded = new ArrayList<>(UsageProjection.FOLDED);
        Instant start = Instant.parse("2026-11-16T00:00:00Z");
        long step = 7L * 86_400 * 1000 / events;
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String tenant = "tenant-" + random.nextInt(10);
            UploadEvent event = new UploadEvent(UploadEvent.idOf(tenant, "u" + i, 2), folded.get(random.nextInt(
                    folded.size())), tenant, "u" + i, "c", 2, start.plusMillis(i * step),
                    new UploadEventData("f.mp4", "video/mp4", random.nextInt(1 << 30), Optional.of(60_000L),
                            Optional.of(5_000_000L), Optional.empty()));
            String body = CloudEventCodec.encode(event);
            deliveries.add(body);
            if (random.nextDouble() < 0.2) {
                deliveries.add(body);
            }
        }
        for (int from = 0; from < deliveries.size(); from += window) {
            Collections.shuffle(deliveries.subList(from, (int) Math.min(deliveries.size(), (long) from + window)),
                    random);
        }
        return deliveries;
    }

    /** Read-modify-write with optimistic concurrency: 3 round trips per event, more when writers collide. */
    private static final class NaiveAggregator {
        private record Day(UsageCounters counters, long etag) {
        }

        private final Map<String, Boolean> applied = new ConcurrentHashMap<>();
        private final Map<String, Day> days = new ConcurrentHashMap<>();
        private final AtomicLong roundTrips = new AtomicLong();
        private final AtomicLong etags = new AtomicLong();
        private final Duration latency;

        NaiveAggregator(Duration latency) {
            this.latency = latency;
        }

        private void roundTrip() {
            roundTrips.incrementAndGet();
            SlowReportStore.pause(latency);
        }

        void fold(List<String> bodies) {
            for (String body : bodies) {
                UploadEvent event = CloudEventCodec.decode(body);
                UsageFold fold = UsageProjection.foldOf(event);
                roundTrip();
                if (applied.containsKey(fold.tenantId() + "/" + fold.eventId())) {
                    continue;
                }
                while (!tryApply(fold)) {
                    // Another writer changed the day between our read and our write: read again.
                }
            }
        }

        private boolean tryApply(UsageFold fold) {
            String key = fold.tenantId() + "/" + fold.day();
            roundTrip();
            Day read = days.getOrDefault(key, new Day(UsageCounters.ZERO, -1));
            roundTrip();
            synchronized (this) {
                Day current = days.getOrDefault(key, new Day(UsageCounters.ZERO, -1));
                if (current.etag() != read.etag()) {
                    return false;
                }
                if (applied.putIfAbsent(fold.tenantId() + "/" + fold.eventId(), true) != null) {
                    return true;
                }
                days.put(key, new Day(read.counters().plus(fold.delta()), etags.incrementAndGet()));
                return true;
            }
        }
    }
}
