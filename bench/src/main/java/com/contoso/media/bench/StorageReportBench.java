package com.contoso.media.bench;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.messaging.MessagePump;
import com.contoso.media.storagereport.DayDelta;
import com.contoso.media.storagereport.InMemoryStorageReportStore;
import com.contoso.media.storagereport.StorageAggregator;
import com.contoso.media.storagereport.StorageReportStore;
import com.contoso.media.storagereport.StorageTransition;
import com.contoso.media.storagereport.UploadStorage;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadEvents;
import com.contoso.media.uploads.UploadOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storage report's aggregator beside the usage benchmark: store calls (each a round trip: one transactional
 * batch, or one read) per event, delivered in order, nearly in order and in any order, and events per second when
 * every call costs 1 ms. Videos through their whole life (requested, accepted, transcode started and succeeded,
 * some deleted), over 10 tenants, with one event in five delivered twice.
 */
final class StorageReportBench {

    private static final int UPLOADS = 3_000;
    private static final int RECEIVERS = 4;
    private static final int BATCH = 32;
    private static final int NEAR_ORDER_WINDOW = 64;

    void run() throws Exception {
        List<String> inOrder = events(new Random(11));
        print("in order (one receiver)", inOrder, 1, Duration.ZERO);
        print("in order", inOrder, RECEIVERS, Duration.ZERO);
        print("near order", shuffled(inOrder, NEAR_ORDER_WINDOW, new Random(12)), RECEIVERS, Duration.ZERO);
        print("random order (worst case)", shuffled(inOrder, Integer.MAX_VALUE, new Random(13)), RECEIVERS,
                Duration.ZERO);
        print("in order, 1 ms per store round trip", inOrder.subList(0, inOrder.size() / 5), RECEIVERS,
                Duration.ofMillis(1));
        print("near order, 1 ms per store round trip", shuffled(inOrder.subList(0, inOrder.size() / 5),
                NEAR_ORDER_WINDOW, new Random(14)), RECEIVERS, Duration.ofMillis(1));
    }

    private static void print(String label, List<String> deliveries, int receivers, Duration latency)
            throws Exception {
        CountingStore store = new CountingStore(new InMemoryStorageReportStore(), latency);
        StorageAggregator aggregator = new StorageAggregator(store, new InProcessQueue("dlq", 10, Optional.empty()),
                "storage-report", Telemetry.none(), Clock.systemUTC());
        InProcessQueue subscription = new InProcessQueue("storage-report", 10, Optional.empty());
        long start = System.nanoTime();
        try (MessagePump pump = new MessagePump(subscription, aggregator::fold, receivers, BATCH)) {
            subscription.send(deliveries.stream().map(body -> new BusMessage("m", "s", Map.of(), body)).toList());
            while (subscription.unsettled() > 0) {
                Thread.sleep(1);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long distinct = deliveries.stream().distinct().count();
        System.out.printf("storage report, %s: %,d deliveries of %,d events: store round trips %.2f per delivery,"
                + " %.2f per event (goal 1.0 in order, at most 1.2 in random order), %,.0f deliveries/s%n", label,
                deliveries.size(), distinct, (double) store.calls.get() / deliveries.size(),
                (double) store.calls.get() / distinct, deliveries.size() / seconds);
    }

    /** Each upload's events in order, uploads interleaved by time, one delivery in five repeated right after. */
    private static List<String> events(Random random) {
        record Timed(Instant at, String body) {
        }
        List<Timed> timed = new ArrayList<>();
        Instant start = Instant.parse("2026-11-16T00:00:00Z");
        for (int i = 0; i < UPLOADS; i++) {
            String tenant = "tenant-" + random.nextInt(10);
            Instant created = start.plusSeconds(random.nextInt(7 * 86_400));
            Upload upload = Upload.awaitingUpload("u" + i, tenant, "v.mp4", "video/mp4", 1 + random.nextInt(1 << 30),
                    new BlobRef("uploads", tenant + "/u" + i + "/v.mp4"), "c", created, created.plusSeconds(900))
                    .startValidating(created.plusSeconds(20))
                    .startProcessing(new MediaInfo(60, 1280, 720, 30, true, 0), created.plusSeconds(25))
                    .succeed(List.of(new UploadOutput(UploadOutput.HLS_RENDITION, "720p", new BlobRef("media", "r"),
                            "video/mp4", 5_000_000, 60)), created.plusSeconds(90 + random.nextInt(600)));
            if (random.nextInt(3) == 0) {
                upload = upload.delete(created.plusSeconds(3_600 + random.nextInt(86_400)));
            }
            UploadEvents.all(upload).forEach(event -> timed.add(new Timed(event.time(), CloudEventCodec.encode(event))));
        }
        timed.sort(Comparator.comparing(Timed::at));
        List<String> deliveries = new ArrayList<>();
        for (Timed event : timed) {
            deliveries.add(event.body());
            if (random.nextInt(5) == 0) {
                deliveries.add(event.body());
            }
        }
        return deliveries;
    }

    private static List<String> shuffled(List<String> deliveries, int window, Random random) {
        List<String> copy = new ArrayList<>(deliveries);
        for (int from = 0; from < copy.size(); from += window) {
            Collections.shuffle(copy.subList(from, (int) Math.min(copy.size(), (long) from + window)), random);
        }
        return copy;
    }

    /** Counts every store call (one round trip each in Cosmos DB) and makes each take {@code latency}. */
    private static final class CountingStore implements StorageReportStore {
        private final StorageReportStore store;
        private final Duration latency;
        private final AtomicLong calls = new AtomicLong();

        CountingStore(StorageReportStore store, Duration latency) {
            this.store = store;
            this.latency = latency;
        }

        private void roundTrip() {
            calls.incrementAndGet();
            SlowReportStore.pause(latency);
        }

        @Override
        public Optional<UploadStorage> find(String tenantId, String uploadId) {
            roundTrip();
            return store.find(tenantId, uploadId);
        }

        @Override
        public boolean apply(StorageTransition transition) {
            roundTrip();
            return store.apply(transition);
        }

        @Override
        public List<DayDelta> daysThrough(String tenantId, LocalDate through) {
            return store.daysThrough(tenantId, through);
        }

        @Override
        public Optional<Instant> newestApplied(String tenantId) {
            return store.newestApplied(tenantId);
        }
    }
}
