package com.contoso.media.intake;

import com.contoso.media.jobs.JobSummary;
import com.contoso.media.jobs.JobFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.contoso.media.config.Settings;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.ListedBlob;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepInboxTest {

    private final JobFixtures fixtures = new JobFixtures();
    private final MediaStore store = mock(MediaStore.class);
    private final SweepInbox job = new SweepInbox(fixtures.uploads, store, UploadPolicy.from(new Settings(Map.of())),
            JobFixtures.settings(50), fixtures.clock);

    @Test
    void listsOnlyBlobsOlderThanTheUploadUrlLifetimePlusTheMargin() {
        job.run();

        verify(store).listModifiedBefore("uploads", fixtures.now.minus(Duration.ofMinutes(15 + 60)), 50);
    }

    @Test
    void oldBlobsThatNoUploadWaitsForAreDeletedAndTheRestStay() {
        Upload awaiting = fixtures.awaiting(Duration.ofHours(2));
        Upload validating = fixtures.validating(Duration.ofHours(2));
        Upload processing = fixtures.processing(Duration.ofHours(2));
        BlobRef strayName = new BlobRef("uploads", "t1/" + awaiting.id() + "/other.mp4");
        BlobRef noUpload = new BlobRef("uploads", "t1/nobody/f.mp4");
        BlobRef noPath = new BlobRef("uploads", "loose.bin");
        listed(awaiting.source(), validating.source(), processing.source(), strayName, noUpload, noPath);
        when(store.delete(any())).thenReturn(true);

        JobSummary summary = job.run();

        assertThat(summary.examined()).isEqualTo(6);
        assertThat(summary.changed()).isEqualTo(4);
        verify(store).delete(processing.source());
        verify(store).delete(strayName);
        verify(store).delete(noUpload);
        verify(store).delete(noPath);
        verify(store, never()).delete(awaiting.source());
        verify(store, never()).delete(validating.source());
    }

    @Test
    void aBlobAnotherRunAlreadyDeletedCountsAsNothingChanged() {
        listed(new BlobRef("uploads", "t1/nobody/f.mp4"));
        when(store.delete(any())).thenReturn(false);

        assertThat(job.run().changed()).isZero();
    }

    private void listed(BlobRef... blobs) {
        List<ListedBlob> old = Arrays.stream(blobs)
                .map(blob -> new ListedBlob(blob, Instant.parse("2026-06-01T09:00:00Z"))).toList();
        when(store.listModifiedBefore(any(), any(), anyInt())).thenReturn(old);
    }
}
