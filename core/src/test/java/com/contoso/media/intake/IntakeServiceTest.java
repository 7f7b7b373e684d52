package com.contoso.media.intake;

import com.contoso.media.blobs.BlobChangedException;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.config.Settings;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.tracing.Telemetry;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadFilter;
import com.contoso.media.uploads.UploadOutput;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class IntakeServiceTest {

    private static final byte[] MP4_HEAD = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    private final MediaStore store = mock(MediaStore.class);
    private final MediaProbe probe = mock(MediaProbe.class);
    private final TranscodeControl transcodes = mock(TranscodeControl.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final SourceLimits limits = SourceLimits.from(new Settings(Map.of()));
    private final TranscodeSlots slots = new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads,
            new FairUseLimits(3, 0), clock);
    private final IntakeService intake = new IntakeService(uploads, store, probe, transcodes, slots,
            UploadPolicy.from(new Settings(Map.of())), limits, clock, Telemetry.none());

    @org.junit.jupiter.api.BeforeEach
    void everyClaimedDurationIsBackedByDefault() {
        when(probe.decodesVideoAt(any(), org.mockito.ArgumentMatchers.anyDouble())).thenReturn(true);
    }

    @Test
    void aValidImageSucceedsWithTheOriginalAsItsOutput() {
        Upload upload = awaiting("a.png", "image/png", 8);
        blobIs(upload, 8, "image/png", PNG_HEAD);

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.SUCCEEDED);

        Upload after = reload(upload);
        assertThat(after.status()).isEqualTo(UploadStatus.Succeeded);
        BlobRef original = new BlobRef("media", "t1/" + upload.id() + "/original/a.png");
        assertThat(after.outputs()).containsExactly(new UploadOutput("original", upload.fileName(), original, "image/png", 8, 0));
        InOrder order = inOrder(store);
        order.verify(store).copy(upload.source(), "etag-1", original, BlobLayout.ORIGINAL_TAGS);
        order.verify(store).delete(upload.source());
    }

    @Test
    void aValidVideoStartsTranscodingOnceEvenWhenTheEventArrivesTwice() {
        Upload upload = awaiting("v.mp4", "video/mp4", 12);
        blobIs(upload, 12, "video/mp4", MP4_HEAD);
        when(probe.probe(any())).thenReturn(new MediaInfo(10, 1280, 720, 30, true, 0));

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.PROCESSING);
        assertThat(intake.onBlobCreated(eventFor(upload))).as("a repeat finds nothing awaiting the inbox blob")
                .isEqualTo(IntakeOutcome.DISCARDED);

        BlobRef original = new BlobRef("media", "t1/" + upload.id() + "/original/v.mp4");
        verify(store, times(1)).copy(upload.source(), "etag-1", original, BlobLayout.ORIGINAL_TAGS);
        verify(transcodes, times(1)).start(new TranscodeRequest(upload.id(), "t1", original, upload.correlationId()));
        assertThat(reload(upload).status()).isEqualTo(UploadStatus.Processing);
        assertThat(reload(upload).media()).contains(new MediaInfo(10, 1280, 720, 30, true, 0));
    }

    @Test
    void aVideoBeyondItsTenantsActiveLimitIsQueuedWithItsOrchestrationStartedToWaitForTheSlot() {
        TranscodeSlots oneAtATime = new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads,
                new FairUseLimits(1, 0), clock);
        IntakeService limited = new IntakeService(uploads, store, probe, transcodes, oneAtATime,
                UploadPolicy.from(new Settings(Map.of())), limits, clock, Telemetry.none());
        when(probe.probe(any())).thenReturn(new MediaInfo(10, 1280, 720, 30, true, 0));
        Upload first = awaiting("a.mp4", "video/mp4", 12);
        Upload second = awaiting("b.mp4", "video/mp4", 12);
        blobIs(first, 12, "video/mp4", MP4_HEAD);
        assertThat(limited.onBlobCreated(eventFor(first))).isEqualTo(IntakeOutcome.PROCESSING);
        blobIs(second, 12, "video/mp4", MP4_HEAD);

        assertThat(limited.onBlobCreated(eventFor(second))).isEqualTo(IntakeOutcome.QUEUED);

        assertThat(reload(second).status()).isEqualTo(UploadStatus.Queued);
        assertThat(reload(second).media()).isPresent();
        assertThat(oneAtATime.positions("t1")).containsEntry(second.id(), 1);
        verify(transcodes).start(new TranscodeRequest(second.id(), "t1",
                new BlobRef("media", "t1/" + second.id() + "/original/b.mp4"), second.correlationId()));
    }

    @Test
    void aVideoOverTheDailyQuotaIsRejectedWithQuotaExceededAndNothingIsStartedOrKept() {
        TranscodeSlots quota = new TranscodeSlots(new InMemoryTenantLedgerStore(), uploads,
                new FairUseLimits(3, 1), clock);
        IntakeService limited = new IntakeService(uploads, store, probe, transcodes, quota,
                UploadPolicy.from(new Settings(Map.of())), limits, clock, Telemetry.none());
        when(probe.probe(any())).thenReturn(new MediaInfo(61, 1280, 720, 30, true, 0));
        Upload upload = awaiting("long.mp4", "video/mp4", 12);
        blobIs(upload, 12, "video/mp4", MP4_HEAD);

        assertThat(limited.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.REJECTED);

        Upload after = reload(upload);
        assertThat(after.error().orElseThrow().code()).isEqualTo("quota_exceeded");
        assertThat(after.error().orElseThrow().message()).contains("1.0 minutes long", "1 minutes");
        verify(transcodes, never()).start(any());
        verify(store, never()).copy(any(), any(), any(), any());
        verify(store).delete(upload.source());
        assertThat(quota.use("t1").secondsUsed()).isZero();
    }

    @Test
    void emptySizeMismatchTypeAndSignatureFailuresRejectWithTheirCode() {
        assertRejected("a.png", "image/png", 8, 0, "image/png", PNG_HEAD, "empty_file");
        assertRejected("b.png", "image/png", 8, 9, "image/png", PNG_HEAD, "size_mismatch");
        assertRejected("c.png", "image/png", 8, 8, "application/octet-stream", PNG_HEAD, "content_type_mismatch");
        assertRejected("d.mp4", "video/mp4", 8, 8, "video/mp4", "hello wo".getBytes(), "signature_mismatch");
        verify(probe, never()).probe(any());
    }

    @Test
    void anUnreadableOrStreamlessVideoIsRejected() {
        when(probe.probe(any())).thenThrow(new MediaProbe.UnreadableMediaException("moov atom not found", null));
        assertRejected("t.mp4", "video/mp4", 12, 12, "video/mp4", MP4_HEAD, "unreadable_media");

        doReturn(new MediaInfo(3, 0, 0, 0, true, 0)).when(probe).probe(any());
        assertRejected("audio.mp4", "video/mp4", 12, 12, "video/mp4", MP4_HEAD, "no_video_stream");
        verify(transcodes, never()).start(any());
    }

    @Test
    void aTransientFaultReturnsTheUploadForRedeliveryAndRethrows() {
        Upload upload = awaiting("a.png", "image/png", 8);
        when(store.describe(upload.source())).thenThrow(new IllegalStateException("storage timeout"));

        assertThatThrownBy(() -> intake.onBlobCreated(eventFor(upload))).hasMessageContaining("storage timeout");
        assertThat(reload(upload).status()).isEqualTo(UploadStatus.AwaitingUpload);

        blobIs(upload, 8, "image/png", PNG_HEAD);
        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.SUCCEEDED);
    }

    @Test
    void bytesRewrittenBetweenValidationAndPromotionAreNotPromotedAndTheUploadWaitsForTheirOwnEvent() {
        Upload upload = awaiting("a.png", "image/png", 8);
        blobIs(upload, 8, "image/png", PNG_HEAD);
        doThrow(new BlobChangedException(upload.source(), "etag-1")).when(store).copy(any(), any(), any(), any());

        assertThatThrownBy(() -> intake.onBlobCreated(eventFor(upload))).isInstanceOf(BlobChangedException.class);

        assertThat(reload(upload).status()).isEqualTo(UploadStatus.AwaitingUpload);
        assertThat(reload(upload).outputs()).isEmpty();
        verify(store, never()).delete(any());
    }

    @Test
    void aClaimLeftByAnIntakeThatDiedIsTakenOverOnlyAfterItsLease() {
        Upload upload = awaiting("a.png", "image/png", 8);
        uploads.update("t1", upload.id(), current -> current.startValidating(clock.instant()));
        blobIs(upload, 8, "image/png", PNG_HEAD);

        assertThat(intake.onBlobCreated(eventFor(upload))).as("claim still fresh").isEqualTo(IntakeOutcome.IGNORED);
        verify(store, never()).delete(any());

        IntakeService later = new IntakeService(uploads, store, probe, transcodes, slots,
                UploadPolicy.from(new Settings(Map.of())), limits,
                Clock.offset(clock, UploadPolicy.from(new Settings(Map.of())).intakeClaimLease().plusSeconds(1)), Telemetry.none());
        assertThat(later.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.SUCCEEDED);
        assertThat(reload(upload).status()).isEqualTo(UploadStatus.Succeeded);
    }

    @Test
    void inboxBlobsThatNoUploadAwaitsAreDeletedAndChangeNothing() {
        assertThat(intake.onBlobCreated(new BlobCreated("uploads", "t1/unknown/a.png"))).isEqualTo(IntakeOutcome.DISCARDED);
        assertThat(intake.onBlobCreated(new BlobCreated("uploads", "not-an-upload-path.png"))).isEqualTo(IntakeOutcome.DISCARDED);
        Upload upload = awaiting("a.png", "image/png", 8);
        assertThat(intake.onBlobCreated(new BlobCreated("uploads", "t1/" + upload.id() + "/other.png")))
                .isEqualTo(IntakeOutcome.DISCARDED);

        verify(store).delete(new BlobRef("uploads", "t1/unknown/a.png"));
        verify(store).delete(new BlobRef("uploads", "not-an-upload-path.png"));
        verify(store).delete(new BlobRef("uploads", "t1/" + upload.id() + "/other.png"));
        assertThat(reload(upload).status()).isEqualTo(UploadStatus.AwaitingUpload);
        verify(store, never()).describe(any());
    }

    @Test
    void eventsOutsideTheInboxAreIgnored() {
        assertThat(intake.onBlobCreated(new BlobCreated("media", "t1/x/a.png"))).isEqualTo(IntakeOutcome.IGNORED);
        verify(store, never()).delete(any());
    }

    @Test
    void aWriteAfterAnUploadEndedIsDeletedAndLeavesTheRecordAsItWas() {
        Upload upload = awaiting("a.png", "image/png", 8);
        blobIs(upload, 8, "image/png", PNG_HEAD);
        intake.onBlobCreated(eventFor(upload));
        Upload succeeded = reload(upload);
        org.mockito.Mockito.reset(store);

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.DISCARDED);

        verify(store).delete(upload.source());
        verify(store, never()).copy(any(), any(), any(), any());
        assertThat(reload(upload)).isEqualTo(succeeded);
    }

    @Test
    void anUploadDeletedDuringValidationStaysDeletedAndItsOrchestrationIsCancelled() {
        Upload upload = awaiting("v.mp4", "video/mp4", 12);
        blobIs(upload, 12, "video/mp4", MP4_HEAD);
        when(probe.probe(any())).thenAnswer(call -> {
            uploads.update("t1", upload.id(), current -> current.delete(clock.instant()));
            return new MediaInfo(10, 640, 360, 25, false, 0);
        });

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.IGNORED);

        assertThat(reload(upload).status()).isEqualTo(UploadStatus.Deleted);
        verify(transcodes).cancel(anyString(), anyString());
        verify(store).deleteAll("uploads", "t1/" + upload.id() + "/");
        verify(store).deleteAll("media", "t1/" + upload.id() + "/");
    }

    @Test
    void theProbeReadsTheBlobWhereItIsInsteadOfCopyingIt() {
        Upload upload = awaiting("v.mp4", "video/mp4", 12);
        blobIs(upload, 12, "video/mp4", MP4_HEAD);
        when(probe.probe(upload.source())).thenReturn(new MediaInfo(1, 2, 2, 1, false, 0));

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.PROCESSING);

        verify(store, never()).downloadTo(any(), any());
        verify(store, never()).readUrl(any(), any());
    }

    @Test
    void eachSourceLimitRejectsWithItsOwnCodeBeforeAnyTranscode() {
        assertLimit(new MediaInfo(36_000, 640, 360, 30, true, 0), "duration_too_long", "10:00:00", "4:00:00");
        assertLimit(new MediaInfo(1, 8000, 8000, 1, false, 0), "frame_too_large", "8000x8000", "4096x4096");
        assertLimit(new MediaInfo(10, 4096, 2400, 30, true, 0), "too_many_pixels", "9,830,400", "9,437,184");
        assertLimit(new MediaInfo(10, 1280, 720, 240, true, 0), "frame_rate_too_high", "240", "120");
        verify(transcodes, never()).start(any());
        verify(probe, never()).decodesVideoAt(any(), org.mockito.ArgumentMatchers.anyDouble());
    }

    @Test
    void aDurationTheContentDoesNotBackIsRejectedAfterOneFrameIsLookedFor() {
        when(probe.decodesVideoAt(any(), org.mockito.ArgumentMatchers.anyDouble())).thenReturn(false);
        Upload upload = assertLimit(new MediaInfo(3 * 3600, 640, 360, 30, true, 0), "implausible_duration",
                "3:00:00");

        verify(probe).decodesVideoAt(upload.source(), 3 * 3600 - 540.0);
        verify(transcodes, never()).start(any());
    }

    @Test
    void aProbeThatRunsPastItsLimitRejectsInsteadOfRetryingForever() {
        when(probe.probe(any())).thenThrow(new MediaProbe.ProbeTimedOutException(java.time.Duration.ofSeconds(60)));

        assertRejected("slow.mp4", "video/mp4", 12, 12, "video/mp4", MP4_HEAD, "probe_timeout");
    }

    @Test
    void whatFfmpegSaidIsLoggedButTheTenantReadsASentence() {
        when(probe.probe(any())).thenThrow(new MediaProbe.UnreadableMediaException(
                "http://127.0.0.1:4711/secret-token/source.mp4: Invalid data found", null));

        assertRejected("t.mp4", "video/mp4", 12, 12, "video/mp4", MP4_HEAD, "unreadable_media");

        Upload rejected = uploads.list("t1", UploadFilter.byStatus(Optional.of(UploadStatus.Rejected)), 10, Optional.empty()).items().get(0);
        assertThat(rejected.error().orElseThrow().message()).isEqualTo("The file could not be read as video.");
    }

    private Upload assertLimit(MediaInfo media, String code, String... named) {
        doReturn(media).when(probe).probe(any());
        Upload upload = awaiting("v-" + code + ".mp4", "video/mp4", 12);
        blobIs(upload, 12, "video/mp4", MP4_HEAD);

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.REJECTED);

        UploadError error = reload(upload).error().orElseThrow();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).contains(named);
        verify(store, never()).copy(org.mockito.ArgumentMatchers.eq(upload.source()), any(), any(), any());
        return upload;
    }

    private void assertRejected(String name, String declaredType, long declaredSize, long actualSize, String actualType,
                                byte[] head, String code) {
        Upload upload = awaiting(name, declaredType, declaredSize);
        blobIs(upload, actualSize, actualType, head);

        assertThat(intake.onBlobCreated(eventFor(upload))).isEqualTo(IntakeOutcome.REJECTED);

        Upload after = reload(upload);
        assertThat(after.status()).isEqualTo(UploadStatus.Rejected);
        assertThat(after.error()).map(UploadError::code).contains(code);
        assertThat(after.error().orElseThrow().message()).isNotBlank();
        verify(store).delete(upload.source());
        verify(store, never()).copy(any(), any(), any(), any());
    }

    private Upload awaiting(String fileName, String contentType, long size) {
        String id = java.util.UUID.randomUUID().toString();
        return uploads.create(Upload.awaitingUpload(id, "t1", fileName, contentType, size,
                new BlobRef("uploads", "t1/" + id + "/" + fileName), "corr", clock.instant(), clock.instant()));
    }

    private void blobIs(Upload upload, long size, String contentType, byte[] head) {
        org.mockito.Mockito.reset(store);
        when(store.describe(upload.source())).thenReturn(Optional.of(new StoredBlob(size, contentType, "etag-1")));
        when(store.readHead(any(), anyInt())).thenReturn(head);
    }

    private Upload reload(Upload upload) {
        return uploads.find(upload.tenantId(), upload.id()).orElseThrow();
    }

    private static BlobCreated eventFor(Upload upload) {
        return new BlobCreated(upload.source().container(), upload.source().name());
    }
}
