package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.blobs.BlobRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Upload awaiting(String tenant, String id, String fileName, String contentType, long size) {
        return Upload.awaitingUpload(id, tenant, fileName, contentType, size,
                new BlobRef("uploads", tenant + "/" + id + "/" + fileName), "corr-" + id, T0, T0.plusSeconds(900));
    }

    @Test
    void everyTransitionIsRecordedWithTimeAndCorrelationId() {
        Upload done = awaiting("t", "u", "a.png", "image/png", 10)
                .startValidating(T0.plusSeconds(1))
                .succeed(List.of(), T0.plusSeconds(2));

        assertThat(done.history()).extracting(StateChange::status)
                .containsExactly(UploadStatus.AwaitingUpload, UploadStatus.Validating, UploadStatus.Succeeded);
        assertThat(done.history()).allSatisfy(change -> assertThat(change.correlationId()).isEqualTo("corr-u"));
        assertThat(done.updatedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(done.progressPercent()).isEqualTo(100);
    }

    @Test
    void rejectionCarriesItsReasonAndIsTerminal() {
        Upload rejected = awaiting("t", "u", "a.png", "image/png", 10).startValidating(T0)
                .reject(new UploadError("size_mismatch", "Declared 10 bytes but received 9."), T0);

        assertThat(rejected.status().isTerminal()).isTrue();
        assertThat(rejected.error()).contains(new UploadError("size_mismatch", "Declared 10 bytes but received 9."));
        assertThat(rejected.stage()).isEmpty();
    }

    @Test
    void illegalTransitionsAreRefused() {
        Upload awaiting = awaiting("t", "u", "a.png", "image/png", 10);

        assertThatThrownBy(() -> awaiting.succeed(List.of(), T0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AwaitingUpload to Succeeded");
        Upload deleted = awaiting.delete(T0);
        assertThatThrownBy(() -> deleted.startValidating(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> deleted.delete(T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAwaitingValidatingQueuedAndProcessingAreNonTerminal() {
        assertThat(List.of(UploadStatus.values())).filteredOn(s -> !s.isTerminal())
                .containsExactly(UploadStatus.AwaitingUpload, UploadStatus.Validating, UploadStatus.Queued,
                        UploadStatus.Processing);
    }

    @Test
    void videosMoveToProcessingWithTheirProbe() {
        MediaInfo probed = new MediaInfo(10.0, 1280, 720, 30, true, 0);
        Upload processing = awaiting("t", "u", "v.mp4", "video/mp4", 10).startValidating(T0).startProcessing(probed, T0);

        assertThat(processing.status()).isEqualTo(UploadStatus.Processing);
        assertThat(processing.media()).contains(probed);
        assertThat(processing.stage()).contains("starting");
    }

    @Test
    void aQueuedVideoKeepsItsProbeAndMovesToProcessingWhenItGetsItsSlot() {
        MediaInfo probed = new MediaInfo(10.0, 1280, 720, 30, true, 0);
        Upload queued = awaiting("t", "u", "v.mp4", "video/mp4", 10).startValidating(T0).queue(probed, T0);

        assertThat(queued.status()).isEqualTo(UploadStatus.Queued);
        assertThat(queued.media()).contains(probed);
        Upload started = queued.startTranscoding(T0.plusSeconds(60));
        assertThat(started.status()).isEqualTo(UploadStatus.Processing);
        assertThat(started.updatedAt()).as("the transcoding deadline counts from here").isEqualTo(T0.plusSeconds(60));
        assertThatThrownBy(() -> queued.succeed(List.of(), T0)).as("never succeeds without encoding")
                .isInstanceOf(IllegalStateException.class);
    }
}
