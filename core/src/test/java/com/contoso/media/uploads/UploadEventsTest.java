package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.events.EventType;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.events.UploadEventData;
import com.contoso.media.blobs.BlobRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final MediaInfo MEDIA = new MediaInfo(12.3456, 1280, 720, 30, true, 0);

    @Test
    void aTranscodedVideoRaisesRequestedAcceptedStartedSucceededInSequence() {
        Upload video = UploadTest.awaiting("t", "v", "clip.mp4", "video/mp4", 5000)
                .startValidating(T0.plusSeconds(1))
                .startProcessing(MEDIA, T0.plusSeconds(2))
                .succeed(List.of(new UploadOutput(UploadOutput.HLS_MASTER, "hls", new BlobRef("media", "m"),
                        "application/vnd.apple.mpegurl", 300, 12.3), new UploadOutput(UploadOutput.THUMBNAIL,
                        "thumb", new BlobRef("media", "t"), "image/jpeg", 700, 0)), T0.plusSeconds(3));

        List<UploadEvent> events = UploadEvents.all(video);

        assertThat(events).extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_REQUESTED,
                EventType.UPLOAD_ACCEPTED, EventType.TRANSCODE_STARTED, EventType.TRANSCODE_SUCCEEDED);
        assertThat(events).extracting(UploadEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(events).extracting(UploadEvent::id).doesNotHaveDuplicates()
                .startsWith(UploadEvent.idOf("t", "v", 1));
        UploadEvent succeeded = events.get(3);
        assertThat(succeeded.time()).isEqualTo(T0.plusSeconds(3));
        assertThat(succeeded.data().durationMillis()).contains(12_346L);
        assertThat(succeeded.data().outputBytes()).contains(1000L);
        assertThat(succeeded.data().sizeBytes()).isEqualTo(5000);
    }

    @Test
    void captionChangesRaiseCaptionsChangedCarryingTheTracksBytesWithoutChangingTheTranscodesFigures() {
        Upload video = UploadTest.awaiting("t", "v", "clip.mp4", "video/mp4", 5000)
                .startValidating(T0.plusSeconds(1))
                .startProcessing(MEDIA, T0.plusSeconds(2))
                .succeed(List.of(new UploadOutput(UploadOutput.HLS_MASTER, "hls", new BlobRef("media", "m"),
                        "application/vnd.apple.mpegurl", 300, 12.3)), T0.plusSeconds(3));
        CaptionTrack english = new CaptionTrack("0123456789abcdef", "en", "English", false, 3, 900, T0);
        Upload captioned = video.withCaptions(List.of(english), T0.plusSeconds(10)).captionsListed()
                .withCaptions(List.of(), T0.plusSeconds(20));

        List<UploadEvent> events = UploadEvents.all(captioned);

        assertThat(events).extracting(UploadEvent::type).endsWith(EventType.TRANSCODE_SUCCEEDED,
                EventType.CAPTIONS_CHANGED, EventType.CAPTIONS_CHANGED);
        assertThat(events.get(3).data().outputBytes()).contains(300L);
        assertThat(events.get(4).data().history().orElseThrow()).last()
                .isEqualTo(new UploadEventData.HistoryEntry("Succeeded", T0.plusSeconds(10), Optional.of(900L)));
        assertThat(events.get(5).data().history().orElseThrow()).last()
                .isEqualTo(new UploadEventData.HistoryEntry("Succeeded", T0.plusSeconds(20), Optional.of(0L)));
        assertThat(events.get(5).data().priorHistory()).contains(5);
        assertThat(UploadEvents.all(captioned.delete(T0.plusSeconds(30)))).last().extracting(UploadEvent::type)
                .isEqualTo(EventType.UPLOAD_DELETED);
        assertThat(captioned.captionsPending()).as("the master playlist is still to rewrite").isTrue();
        assertThatThrownBy(() -> UploadTest.awaiting("t", "p", "d.pdf", "application/pdf", 1)
                .withCaptions(List.of(english), T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aQueuedVideoIsAcceptedWhenQueuedAndStartedWhenItGetsItsSlotOnceEach() {
        Upload video = UploadTest.awaiting("t", "q", "clip.mp4", "video/mp4", 5000)
                .startValidating(T0.plusSeconds(1))
                .queue(MEDIA, T0.plusSeconds(2))
                .startTranscoding(T0.plusSeconds(60))
                .succeed(List.of(), T0.plusSeconds(90));

        assertThat(UploadEvents.all(video)).extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_REQUESTED,
                EventType.UPLOAD_ACCEPTED, EventType.TRANSCODE_STARTED, EventType.TRANSCODE_SUCCEEDED);
        assertThat(UploadEvents.all(video).get(2).time()).isEqualTo(T0.plusSeconds(60));
        assertThat(UploadEvents.typesFor(UploadStatus.Queued, UploadStatus.Failed)).as("accepted, so not a rejection")
                .containsExactly(EventType.TRANSCODE_FAILED);
        assertThat(UploadEvents.typesFor(UploadStatus.Queued, UploadStatus.Deleted))
                .containsExactly(EventType.UPLOAD_DELETED);
    }

    @Test
    void eachWriteRaisesOnlyTheEventsOfTheEntriesItAppended() {
        UploadEvents.Raised created = UploadEvents.raise(UploadTest.awaiting("t", "d", "a.pdf", "application/pdf", 9));
        UploadEvents.Raised validating = UploadEvents.raise(created.upload().startValidating(T0));
        UploadEvents.Raised accepted = UploadEvents.raise(validating.upload().succeed(List.of(), T0));
        UploadEvents.Raised deleted = UploadEvents.raise(accepted.upload().delete(T0));

        assertThat(created.events()).extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_REQUESTED);
        assertThat(validating.events()).isEmpty();
        assertThat(accepted.events()).extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_ACCEPTED);
        assertThat(accepted.events()).extracting(UploadEvent::sequence).containsExactly(2L);
        assertThat(deleted.events()).extracting(UploadEvent::type, UploadEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(EventType.UPLOAD_DELETED, 3L));
        assertThat(UploadEvents.raise(deleted.upload()).events()).isEmpty();
    }

    @Test
    void aVideoTheTranscoderRefusesIsAFailedTranscodeNotASecondUpload() {
        assertThat(UploadEvents.typesFor(UploadStatus.Processing, UploadStatus.Rejected))
                .containsExactly(EventType.TRANSCODE_FAILED);
        assertThat(UploadEvents.typesFor(UploadStatus.Validating, UploadStatus.Rejected))
                .containsExactly(EventType.UPLOAD_REJECTED);
        assertThat(UploadEvents.typesFor(UploadStatus.Validating, UploadStatus.AwaitingUpload)).isEmpty();
        assertThat(UploadEvents.typesFor(UploadStatus.AwaitingUpload, UploadStatus.Expired))
                .containsExactly(EventType.UPLOAD_EXPIRED);
    }

    @Test
    void rejectionCarriesTheReasonCode() {
        Upload rejected = UploadTest.awaiting("t", "r", "a.png", "image/png", 10).startValidating(T0)
                .reject(new UploadError("signature_mismatch", "not a PNG"), T0);

        assertThat(UploadEvents.all(rejected).get(1).data().errorCode()).contains("signature_mismatch");
    }
}
