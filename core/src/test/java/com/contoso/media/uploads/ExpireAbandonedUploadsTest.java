package com.contoso.media.uploads;

import com.contoso.media.jobs.JobSummary;
import com.contoso.media.jobs.JobFixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.contoso.media.config.Settings;
import com.contoso.media.blobs.MediaStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ExpireAbandonedUploadsTest {

    private final JobFixtures fixtures = new JobFixtures();
    private final MediaStore store = mock(MediaStore.class);
    private final ExpireAbandonedUploads job = new ExpireAbandonedUploads(fixtures.uploads, fixtures.uploads, store,
            UploadPolicy.from(new Settings(Map.of())), JobFixtures.settings(2),
            fixtures.clock);

    @Test
    void uploadsPastTheirUrlAndGraceExpireAndTheirBlobsGo() {
        Upload abandoned = fixtures.awaiting(Duration.ofMinutes(31));
        Upload recent = fixtures.awaiting(Duration.ofMinutes(29));
        Upload done = fixtures.processing(Duration.ofHours(3));

        JobSummary summary = job.run();

        assertThat(summary.changed()).isEqualTo(1);
        assertThat(fixtures.reload(abandoned).status()).isEqualTo(UploadStatus.Expired);
        assertThat(fixtures.reload(abandoned).error().orElseThrow().code()).isEqualTo("upload_expired");
        assertThat(fixtures.reload(recent).status()).isEqualTo(UploadStatus.AwaitingUpload);
        assertThat(fixtures.reload(done).status()).isEqualTo(UploadStatus.Processing);
        verify(store).deleteAll("uploads", "t1/" + abandoned.id() + "/");
        verify(store, never()).deleteAll("uploads", "t1/" + recent.id() + "/");
    }

    @Test
    void aSecondRunChangesNothing() {
        Upload abandoned = fixtures.awaiting(Duration.ofHours(2));
        job.run();
        Upload after = fixtures.reload(abandoned);

        JobSummary again = job.run();

        assertThat(again.examined()).isZero();
        assertThat(fixtures.reload(abandoned)).isEqualTo(after);
    }

    @Test
    void workIsBoundedPerRunAndTheRestWaitsForTheNext() {
        List<Upload> abandoned = List.of(fixtures.awaiting(Duration.ofHours(3)), fixtures.awaiting(Duration.ofHours(2)),
                fixtures.awaiting(Duration.ofHours(1)));

        JobSummary first = job.run();
        JobSummary second = job.run();

        assertThat(first.changed()).isEqualTo(2);
        assertThat(first.backlog()).isTrue();
        assertThat(second.changed()).isEqualTo(1);
        assertThat(abandoned).allSatisfy(u -> assertThat(fixtures.reload(u).status()).isEqualTo(UploadStatus.Expired));
    }

    @Test
    void twoRunsAtOnceExpireEachUploadOnce() {
        Upload abandoned = fixtures.awaiting(Duration.ofHours(1));

        List<JobSummary> runs = List.of(CompletableFuture.supplyAsync(job::run), CompletableFuture.supplyAsync(job::run))
                .stream().map(CompletableFuture::join).toList();

        assertThat(runs.stream().mapToInt(JobSummary::changed).sum()).isEqualTo(1);
        assertThat(fixtures.reload(abandoned).history()).extracting(c -> c.status())
                .containsExactly(UploadStatus.AwaitingUpload, UploadStatus.Expired);
        assertThat(fixtures.uploads.pending(100)).filteredOn(e -> e.uploadId().equals(abandoned.id()))
                .extracting(e -> e.type().value()).containsExactly("media.upload.requested", "media.upload.expired");
    }
}
