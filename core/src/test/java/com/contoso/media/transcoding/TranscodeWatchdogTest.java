package com.contoso.media.transcoding;

import com.contoso.media.jobs.JobSummary;
import com.contoso.media.jobs.JobFixtures;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.FairUseLimits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.config.Settings;
import com.contoso.media.intake.BlobCreated;
import com.contoso.media.intake.IntakeOutcome;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadPolicy;
import com.contoso.media.uploads.UploadStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TranscodeWatchdogTest {

    private final JobFixtures fixtures = new JobFixtures();
    private final MediaStore store = mock(MediaStore.class);
    private final TranscodeControl transcodes = mock(TranscodeControl.class);
    private final IntakeService intake = mock(IntakeService.class);
    private final InMemoryTenantLedgerStore ledgers = new InMemoryTenantLedgerStore();
    private final TranscodeSlots slots = new TranscodeSlots(ledgers, fixtures.uploads,
            new FairUseLimits(3, 0), fixtures.clock);
    private final TranscodeWatchdog watchdog = new TranscodeWatchdog(fixtures.uploads, fixtures.uploads, store, transcodes,
            slots, intake,
            UploadPolicy.from(new Settings(Map.of())), JobFixtures.settings(50),
            Duration.ofMinutes(120), fixtures.clock);

    @Test
    void anOrchestrationTerminatedBehindItsBackFailsTheUploadAndRemovesOutputs() {
        Upload upload = fixtures.processing(Duration.ofMinutes(30));
        when(transcodes.state(upload.id())).thenReturn(Optional.of(InstanceState.TERMINATED));

        JobSummary summary = watchdog.run();

        assertThat(summary.changed()).isEqualTo(1);
        Upload after = fixtures.reload(upload);
        assertThat(after.status()).isEqualTo(UploadStatus.Failed);
        assertThat(after.error().orElseThrow().code()).isEqualTo("transcode_lost");
        assertThat(after.error().orElseThrow().message()).as("a sentence for the tenant; the state is logged")
                .startsWith("Transcoding stopped before it finished").doesNotContain("orchestration", "terminated");
        verify(store).deleteAll("media", "t1/" + upload.id() + "/");
    }

    @Test
    void aQueuedUploadWhoseOrchestrationIsGoneFailsAndGivesUpItsPlaceInLine() {
        Upload upload = queued(Duration.ofMinutes(30));
        when(transcodes.state(upload.id())).thenReturn(Optional.empty());

        assertThat(watchdog.run().changed()).isEqualTo(1);

        assertThat(fixtures.reload(upload).status()).isEqualTo(UploadStatus.Failed);
        assertThat(fixtures.reload(upload).error().orElseThrow().code()).isEqualTo("transcode_lost");
        assertThat(slots.positions("t1")).isEmpty();
    }

    @Test
    void aQueuedUploadWaitingBehindSlotsHeldByEndedUploadsGetsTheLineMovingAgain() {
        Upload ended = fixtures.processing(Duration.ofMinutes(40));
        slots.admit(ended, ended.media().orElseThrow());
        fixtures.uploads.update("t1", ended.id(), u -> u.succeed(java.util.List.of(), fixtures.clock.instant()));
        TranscodeSlots oneSlot = new TranscodeSlots(ledgers, fixtures.uploads, new FairUseLimits(1, 0), fixtures.clock);
        TranscodeWatchdog strict = new TranscodeWatchdog(fixtures.uploads, fixtures.uploads, store, transcodes, oneSlot,
                intake, UploadPolicy.from(new Settings(Map.of())), JobFixtures.settings(50), Duration.ofMinutes(120),
                fixtures.clock);
        Upload waiting = queued(Duration.ofMinutes(30));
        oneSlot.admit(waiting, waiting.media().orElseThrow());
        assertThat(oneSlot.positions("t1")).containsEntry(waiting.id(), 1);
        when(transcodes.state(waiting.id())).thenReturn(Optional.of(InstanceState.RUNNING));

        strict.run();

        assertThat(oneSlot.positions("t1")).as("the ended upload's slot went to the waiting one").isEmpty();
        assertThat(fixtures.reload(waiting).status()).as("its own orchestration moves it on").isEqualTo(UploadStatus.Queued);
    }

    private Upload queued(Duration ago) {
        Upload upload = fixtures.awaiting(ago);
        java.time.Instant at = fixtures.clock.instant().minus(ago);
        return fixtures.uploads.update("t1", upload.id(), u -> u.startValidating(at)
                .queue(new MediaInfo(10, 1280, 720, 30, true, 0), at)).orElseThrow();
    }

    @Test
    void anAwaitedUploadWhoseFileArrivedButWhoseEventWasLostIsHandedToIntake() {
        Upload lostEvent = fixtures.awaiting(Duration.ofMinutes(20));
        Upload nothingSent = fixtures.awaiting(Duration.ofMinutes(20));
        Upload young = fixtures.awaiting(Duration.ofMinutes(2));
        when(store.describe(lostEvent.source())).thenReturn(Optional.of(new StoredBlob(10, "video/mp4", "e1")));
        when(store.describe(nothingSent.source())).thenReturn(Optional.empty());
        when(store.describe(young.source())).thenReturn(Optional.of(new StoredBlob(10, "video/mp4", "e2")));
        when(intake.onBlobCreated(any())).thenReturn(IntakeOutcome.PROCESSING);

        JobSummary summary = watchdog.run();

        verify(intake).onBlobCreated(new BlobCreated("uploads", lostEvent.source().name()));
        verify(intake, never()).onBlobCreated(new BlobCreated("uploads", nothingSent.source().name()));
        verify(intake, never()).onBlobCreated(new BlobCreated("uploads", young.source().name()));
        assertThat(summary.changed()).isEqualTo(1);
    }

    @Test
    void aMissingOrFailedOrchestrationIsResolvedToo() {
        Upload missing = fixtures.processing(Duration.ofMinutes(30));
        Upload failed = fixtures.processing(Duration.ofMinutes(30));
        when(transcodes.state(missing.id())).thenReturn(Optional.empty());
        when(transcodes.state(failed.id())).thenReturn(Optional.of(InstanceState.FAILED));

        watchdog.run();

        assertThat(fixtures.reload(missing).error().orElseThrow().code()).isEqualTo("transcode_lost");
        assertThat(fixtures.reload(failed).error().orElseThrow().code()).isEqualTo("transcode_lost");
    }

    @Test
    void aRunningTranscodeIsLeftAloneUntilItsDeadlineThenStopped() {
        Upload young = fixtures.processing(Duration.ofMinutes(30));
        Upload overdue = fixtures.processing(Duration.ofMinutes(121));
        when(transcodes.state(anyString())).thenReturn(Optional.of(InstanceState.RUNNING));

        watchdog.run();

        assertThat(fixtures.reload(young).status()).isEqualTo(UploadStatus.Processing);
        assertThat(fixtures.reload(overdue).status()).isEqualTo(UploadStatus.Failed);
        assertThat(fixtures.reload(overdue).error().orElseThrow().code()).isEqualTo("transcode_timeout");
        verify(transcodes).cancel(any(), anyString());
        verify(transcodes, never()).cancel(org.mockito.ArgumentMatchers.eq(young.id()), anyString());
    }

    @Test
    void recentUploadsAreNotExamined() {
        fixtures.processing(Duration.ofMinutes(5));

        assertThat(watchdog.run().examined()).isZero();
        verify(transcodes, never()).state(anyString());
    }

    @Test
    void aStaleValidatingClaimIsHandedBackToIntake() {
        Upload stuck = fixtures.validating(UploadPolicy.from(new Settings(Map.of())).intakeClaimLease().plusMinutes(1));
        fixtures.validating(Duration.ofMinutes(1));
        when(intake.onBlobCreated(any())).thenReturn(IntakeOutcome.SUCCEEDED);

        JobSummary summary = watchdog.run();

        assertThat(summary.changed()).isEqualTo(1);
        verify(intake).onBlobCreated(new BlobCreated("uploads", stuck.source().name()));
    }

    @Test
    void runningItTwiceGivesTheSameState() {
        Upload upload = fixtures.processing(Duration.ofMinutes(30));
        when(transcodes.state(upload.id())).thenReturn(Optional.of(InstanceState.TERMINATED));
        watchdog.run();
        Upload once = fixtures.reload(upload);

        JobSummary second = watchdog.run();

        assertThat(second.changed()).isZero();
        assertThat(fixtures.reload(upload)).isEqualTo(once);
    }

    @Test
    void twoRunsAtOnceFailTheUploadOnceAndRaiseOneEvent() {
        Upload upload = fixtures.processing(Duration.ofMinutes(30));
        when(transcodes.state(upload.id())).thenReturn(Optional.of(InstanceState.TERMINATED));

        List<JobSummary> runs = List.of(CompletableFuture.supplyAsync(watchdog::run),
                CompletableFuture.supplyAsync(watchdog::run)).stream().map(CompletableFuture::join).toList();

        assertThat(runs.stream().mapToInt(JobSummary::changed).sum()).isEqualTo(1);
        assertThat(fixtures.reload(upload).history()).extracting(c -> c.status()).containsExactly(
                UploadStatus.AwaitingUpload, UploadStatus.Validating, UploadStatus.Processing, UploadStatus.Failed);
        assertThat(fixtures.uploads.pending(100)).filteredOn(e -> e.uploadId().equals(upload.id()))
                .extracting(e -> e.type().value()).containsOnlyOnce("media.transcode.failed");
    }
}
