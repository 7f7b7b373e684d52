package com.contoso.media.storagereport;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.jobs.JobFixtures;
import com.contoso.media.jobs.JobSettings;
import com.contoso.media.jobs.JobSummary;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadEvents;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.usagereport.InMemoryReportStore;
import com.contoso.media.usagereport.UsageAggregator;
import com.contoso.media.usagereport.UsageCounters;
import com.contoso.media.usagereport.UsageFold;
import com.contoso.media.usagereport.UsageProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ReconcileReportsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-06-01");

    private final JobFixtures fixtures = new JobFixtures();
    private final InMemoryReportStore reports = new InMemoryReportStore(Duration.ofDays(30), fixtures.clock);
    private final UsageAggregator aggregator = new UsageAggregator(reports,
            new InProcessQueue("dlq", 10, Optional.empty()), "usage-report", Telemetry.none(), Clock.systemUTC());
    private final InMemoryStorageReportStore storage = new InMemoryStorageReportStore();
    private final MediaStore library = mock(MediaStore.class);
    private final StorageReconciler storageReconciler = new StorageReconciler(storage, library,
            new BlobLayout("uploads", "media"));
    private final ReconcileReports job = new ReconcileReports(fixtures.uploads, reports, storageReconciler,
            JobFixtures.settings(200), fixtures.clock);

    private Upload pdf(String tenant, Instant at, long size) {
        String id = UUID.randomUUID().toString();
        Upload created = fixtures.uploads.create(Upload.awaitingUpload(id, tenant, "f.pdf", "application/pdf", size,
                new BlobRef("uploads", tenant + "/" + id + "/f.pdf"), "c", at, at.plusSeconds(900)));
        return fixtures.uploads.replace(fixtures.uploads.replace(created.startValidating(at)).succeed(List.of(), at));
    }

    private Upload rejected(String tenant, Instant at, long size) {
        String id = UUID.randomUUID().toString();
        Upload created = fixtures.uploads.create(Upload.awaitingUpload(id, tenant, "f.png", "image/png", size,
                new BlobRef("uploads", tenant + "/" + id + "/f.png"), "c", at, at.plusSeconds(900)));
        return fixtures.uploads.replace(fixtures.uploads.replace(created.startValidating(at))
                .reject(new UploadError("signature_mismatch", "not a PNG"), at));
    }

    private Upload video(String tenant, Instant at, long size, double seconds) {
        String id = UUID.randomUUID().toString();
        Upload created = fixtures.uploads.create(Upload.awaitingUpload(id, tenant, "v.mp4", "video/mp4", size,
                new BlobRef("uploads", tenant + "/" + id + "/v.mp4"), "c", at, at.plusSeconds(900)));
        Upload processing = fixtures.uploads.replace(fixtures.uploads.replace(created.startValidating(at))
                .startProcessing(new MediaInfo(seconds, 1280, 720, 30, true, 0), at));
        return fixtures.uploads.replace(processing.succeed(List.of(new UploadOutput(UploadOutput.HLS_MASTER, "master",
                new BlobRef("media", tenant + "/" + id + "/master.m3u8"), "application/vnd.apple.mpegurl", 4_000,
                seconds)), at.plusSeconds(60)));
    }

    private void history() {
        Instant twoDaysAgo = Instant.parse("2026-05-30T10:00:00Z");
        Instant yesterday = Instant.parse("2026-05-31T23:58:00Z");
        Instant today = Instant.parse("2026-06-01T08:00:00Z");
        pdf("t1", twoDaysAgo, 1_000);
        rejected("t1", twoDaysAgo, 50);
        video("t1", yesterday, 90_000, 12.5);
        pdf("t2", yesterday, 7);
        pdf("t1", today, 333);
        video("t2", today, 10_000, 3.25);
    }

    /** Delivers every pending outbox event to the aggregator, except those {@code lost} drops on the way. */
    private int relay(Predicate<UploadEvent> lost) {
        int dropped = 0;
        for (UploadEvent event : fixtures.uploads.pending(1000)) {
            if (lost.test(event)) {
                dropped += UsageProjection.folds(event.type()) ? 1 : 0;
            } else {
                aggregator.fold(List.of(CloudEventCodec.encode(event)));
            }
            fixtures.uploads.remove(event);
        }
        return dropped;
    }

    /** The usage each tenant and day should show: the fold of every event the upload records imply. */
    private Map<String, Map<LocalDate, UsageCounters>> truth() {
        Map<String, Map<LocalDate, UsageCounters>> truth = new HashMap<>();
        for (String tenant : List.of("t1", "t2")) {
            for (Upload upload : fixtures.uploads.changedSince(tenant, Instant.EPOCH)) {
                UploadEvents.all(upload).stream().filter(e -> UsageProjection.folds(e.type())).forEach(e ->
                        truth.computeIfAbsent(tenant, t -> new HashMap<>())
                                .merge(UsageProjection.dayOf(e), UsageProjection.deltaOf(e), UsageCounters::plus));
            }
        }
        return truth;
    }

    private Map<String, Map<LocalDate, UsageCounters>> report() {
        Map<String, Map<LocalDate, UsageCounters>> report = new HashMap<>();
        for (String tenant : List.of("t1", "t2")) {
            reports.read(tenant, TODAY.minusDays(10), TODAY).forEach(day ->
                    report.computeIfAbsent(tenant, t -> new HashMap<>()).put(day.day(), day.counters()));
        }
        return report;
    }

    @Test
    void afterLostEventsTheReportEqualsTheRecordsAndASecondRunChangesNothing() {
        history();
        int dropped = relay(e -> e.type().value().endsWith("succeeded") || e.tenantId().equals("t2"));
        assertThat(report()).isNotEqualTo(truth());

        JobSummary first = job.run();
        JobSummary second = job.run();

        assertThat(report()).isEqualTo(truth());
        assertThat(first.details()).containsEntry("eventsApplied", (long) dropped).containsEntry("daysCorrected", 0L);
        assertThat(first.examined()).isEqualTo(2);
        assertThat(second.changed()).isZero();
    }

    @Test
    void theStorageReportIsBroughtToTheRecordsNewestFactsAndASecondRunChangesNothing() {
        history();
        InMemoryStorageReportStore inOrder = new InMemoryStorageReportStore();
        StorageAggregator everyEvent = new StorageAggregator(inOrder, new InProcessQueue("dlq", 10, Optional.empty()),
                "storage-report", Telemetry.none(), Clock.systemUTC());
        for (String tenant : List.of("t1", "t2")) {
            fixtures.uploads.changedSince(tenant, Instant.EPOCH).forEach(upload -> everyEvent.fold(
                    UploadEvents.all(upload).stream().map(CloudEventCodec::encode).toList()));
        }

        JobSummary first = job.run();
        JobSummary second = job.run();

        assertThat(first.details().get("storageCorrected")).isPositive();
        assertThat(second.details()).containsEntry("storageCorrected", 0L);
        for (String tenant : List.of("t1", "t2")) {
            assertThat(storage.daysThrough(tenant, TODAY)).as(tenant).isEqualTo(inOrder.daysThrough(tenant, TODAY));
        }
    }

    @Test
    void anOriginalWhoseBlobSizeDiffersFromTheRecordIsCountedAtTheBlobsSize() {
        Upload pdf = pdf("t1", Instant.parse("2026-05-31T10:00:00Z"), 1_000);
        when(library.describe(new BlobRef("media", "t1/" + pdf.id() + "/original/f.pdf")))
                .thenReturn(Optional.of(new StoredBlob(1_250, "application/pdf", "e")));

        job.run();

        assertThat(storage.find("t1", pdf.id())).get().extracting(state -> state.facts().bytes().originals())
                .isEqualTo(1_250L);
    }

    @Test
    void aLostEventThatArrivesAfterTheRepairIsNotCountedTwice() {
        history();
        List<UploadEvent> lost = fixtures.uploads.pending(1000).stream()
                .filter(e -> e.type().value().equals("media.upload.accepted")).toList();
        relay(lost::contains);
        job.run();

        EventBatch.Counts late = aggregator.fold(lost.stream().map(CloudEventCodec::encode).toList());

        assertThat(late.applied()).isZero();
        assertThat(late.duplicates()).isEqualTo(lost.size());
        assertThat(report()).isEqualTo(truth());
    }

    @Test
    void aProjectionBugOnAClosedDayIsCorrectedOnceAndTodayIsLeftToTheEvents() {
        history();
        relay(e -> false);
        LocalDate yesterday = TODAY.minusDays(1);
        reports.applyOnce(new UsageFold("t1", yesterday, "bug-1", new UsageCounters(3, 17, 0, 0, 0, 0, 2),
                Instant.parse("2026-05-31T12:00:00Z")));

        JobSummary first = job.run();
        JobSummary second = job.run();

        assertThat(report()).isEqualTo(truth());
        assertThat(first.details()).containsEntry("daysCorrected", 1L).containsEntry("eventsApplied", 0L);
        assertThat(second.changed()).isZero();
    }

    @Test
    void twoRunsAtOnceDoNoHarm() throws Exception {
        history();
        relay(e -> e.type().value().endsWith("accepted"));
        reports.applyOnce(new UsageFold("t2", TODAY.minusDays(1), "bug-2", new UsageCounters(0, 5, 0, 0, 0, 0, 0),
                Instant.parse("2026-05-31T12:00:00Z")));
        ReconcileReports other = new ReconcileReports(fixtures.uploads, reports, storageReconciler, JobFixtures.settings(200),
                fixtures.clock);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<JobSummary> a = CompletableFuture.supplyAsync(() -> await(go, job));
        CompletableFuture<JobSummary> b = CompletableFuture.supplyAsync(() -> await(go, other));
        go.countDown();

        a.get();
        b.get();
        assertThat(report()).isEqualTo(truth());
    }

    @Test
    void eachRunTakesTheNextTenantsInTurn() {
        history();
        relay(e -> true);
        ReconcileReports oneTenantPerRun = new ReconcileReports(fixtures.uploads, reports, storageReconciler,
                new JobSettings(200, Duration.ofMinutes(15), Duration.ofMinutes(10), 3, 1, 3, Duration.ofMinutes(60),
                        Duration.ofDays(14), Duration.ofMinutes(60)), fixtures.clock);

        JobSummary first = oneTenantPerRun.run();
        assertThat(report()).containsOnlyKeys("t1");
        assertThat(first.backlog()).isTrue();
        oneTenantPerRun.run();

        assertThat(report()).isEqualTo(truth());
        assertThat(ReconcileReports.inTurn(List.of("a", "b", "c"), Optional.of("b"))).containsExactly("c", "a", "b");
    }

    private static JobSummary await(CountDownLatch go, ReconcileReports job) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return job.run();
    }
}
