package com.contoso.media.storagereport;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.events.CloudEventCodec;
import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.messaging.InProcessQueue;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadOutput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** Byte-days worked out by hand for one video's life over three days, and the version 1 events' fate. */
class StorageReportTest {

    private final InMemoryStorageReportStore store = new InMemoryStorageReportStore();
    private final StorageAggregator aggregator = new StorageAggregator(store,
            new InProcessQueue("dlq", 10, Optional.empty()), "storage-report", Telemetry.none(), Clock.systemUTC());

    private static Upload video() {
        Upload upload = Upload.awaitingUpload("v1", "t", "v.mp4", "video/mp4", 1000, new BlobRef("uploads", "t/v1/v.mp4"),
                "c", Instant.parse("2026-11-02T11:00:00Z"), Instant.parse("2026-11-02T11:15:00Z"));
        return upload.startValidating(Instant.parse("2026-11-02T11:30:00Z"))
                .startProcessing(new MediaInfo(2, 640, 360, 30, true, 0), Instant.parse("2026-11-02T12:00:00Z"))
                .succeed(List.of(
                        new UploadOutput(UploadOutput.ORIGINAL, "original", new BlobRef("media", "o"), "video/mp4", 1000, 2),
                        new UploadOutput(UploadOutput.HLS_MASTER, "master", new BlobRef("media", "m"), "x", 300, 2),
                        new UploadOutput(UploadOutput.HLS_RENDITION, "360p", new BlobRef("media", "r"), "x", 2000, 2),
                        new UploadOutput(UploadOutput.THUMBNAIL, "thumbnail", new BlobRef("media", "t"), "image/jpeg", 50, 0)),
                        Instant.parse("2026-11-03T06:00:00Z"))
                .delete(Instant.parse("2026-11-04T18:00:00Z"));
    }

    @Test
    void aVideosBytesCountFromAcceptanceAndTranscodeUntilItsDeletion() {
        aggregator.fold(StorageHistories.bodies(List.of(video())));

        StorageReport report = StorageReport.of("t", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-05"),
                store.daysThrough("t", LocalDate.parse("2026-11-05")), Optional.empty());

        assertThat(report.toCsv()).isEqualTo(StorageReport.CSV_HEADER + "\n"
                + "2026-11-01,0,0,0,0,0,0.000000,0.000000,0.000000,0.000000,0.000000,0.000000000,0,0,0,0,0,0,0,0,0\n"
                + "2026-11-02,1000,0,0,0,1000,500.000000,0.000000,0.000000,0.000000,500.000000,0.000000500,0,0,0,1,0,0,0,0,0\n"
                + "2026-11-03,1000,2300,50,0,3350,1000.000000,1725.000000,37.500000,0.000000,2762.500000,0.000002762,0,0,0,0,1,0,0,0,0\n"
                + "2026-11-04,0,0,0,0,0,750.000000,1725.000000,37.500000,0.000000,2512.500000,0.000002512,0,0,0,0,0,0,0,0,1\n"
                + "2026-11-05,0,0,0,0,0,0.000000,0.000000,0.000000,0.000000,0.000000,0.000000000,0,0,0,0,0,0,0,0,1\n");
        assertThat(report.totals().totalByteDays()).isEqualByComparingTo(new BigDecimal("5775"));
        assertThat(StorageReport.current(store.daysThrough("t", LocalDate.parse("2026-12-01"))).totalBytes()).isZero();
    }

    @Test
    void aDeleteThatArrivesFirstStillCountsEverythingBeforeIt() {
        List<String> bodies = StorageHistories.bodies(List.of(video()));
        aggregator.fold(List.of(bodies.get(bodies.size() - 1)));
        aggregator.fold(bodies);

        StorageReport report = StorageReport.of("t", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-05"),
                store.daysThrough("t", LocalDate.parse("2026-11-05")), Optional.empty());
        assertThat(report.totals().totalByteDays()).isEqualByComparingTo(new BigDecimal("5775"));
        assertThat(store.find("t", "v1")).get().extracting(UploadStorage::sequence).isEqualTo((long) bodies.size());
    }

    @Test
    void versionOneEventsAreReadButCannotMoveTheStorageReport() {
        UploadEvent v1 = new UploadEvent(UploadEvent.idOf("t", "old", 2), EventType.UPLOAD_ACCEPTED, "t", "old", "c", 2,
                Instant.parse("2026-11-02T12:00:00Z"), new UploadEventData("a.pdf", "application/pdf", 10,
                        Optional.empty(), Optional.empty(), Optional.empty()));
        String body = CloudEventCodec.encode(v1).replace(CloudEventCodec.DATA_SCHEMA.toString(),
                CloudEventCodec.DATA_SCHEMA_V1.toString());

        assertThat(aggregator.fold(List.of(body)).skipped()).isEqualTo(1);
        assertThat(store.daysThrough("t", LocalDate.parse("2026-12-01"))).isEmpty();
    }
}
