package com.contoso.media.fairuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TranscodeSlotsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T22:00:00Z");
    private static final MediaInfo TEN_MINUTES = new MediaInfo(599.2, 1280, 720, 30, true, 0);

    private final InMemoryUploadRepository uploads = new InMemoryUploadRepository();
    private final InMemoryTenantLedgerStore ledgers = new InMemoryTenantLedgerStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TranscodeSlots slots = new TranscodeSlots(ledgers, uploads, new FairUseLimits(2, 30), clock);

    @Test
    void videosStartWhileSlotsAreFreeThenWaitInArrivalOrder() {
        assertThat(slots.admit(validating("a"), TEN_MINUTES)).isEqualTo(Admission.start());
        assertThat(slots.admit(validating("b"), TEN_MINUTES)).isEqualTo(Admission.start());

        Admission third = slots.admit(validating("c"), TEN_MINUTES);

        assertThat(third.kind()).isEqualTo(Admission.Kind.QUEUED);
        assertThat(third.position()).isEqualTo(1);
        assertThat(slots.positions("t")).containsExactly(java.util.Map.entry("c", 1));
    }

    @Test
    void admittingTheSameUploadAgainAnswersTheSameAndChargesNothingMore() {
        Upload upload = validating("a");
        slots.admit(upload, TEN_MINUTES);

        assertThat(slots.admit(upload, TEN_MINUTES)).isEqualTo(Admission.start());
        assertThat(slots.use("t").secondsUsed()).as("600 s, rounded up once").isEqualTo(600);
    }

    @Test
    void aVideoTheQuotaCannotTakeIsRefusedWithTheMinutesLeftAndChangesNothing() {
        slots.admit(validating("a"), TEN_MINUTES);
        slots.admit(validating("b"), TEN_MINUTES);

        Admission refused = slots.admit(validating("c"), new MediaInfo(601, 1280, 720, 30, true, 0));

        assertThat(refused.kind()).isEqualTo(Admission.Kind.OVER_QUOTA);
        assertThat(refused.refusal().orElseThrow().code()).isEqualTo("quota_exceeded");
        assertThat(refused.refusal().orElseThrow().message()).contains("10.0 of today's 30 minutes", "00:00 UTC");
        assertThat(slots.use("t").secondsUsed()).isEqualTo(1200);
        assertThat(slots.admit(validating("d"), TEN_MINUTES).kind()).as("exactly the rest still fits")
                .isEqualTo(Admission.Kind.QUEUED);
    }

    @Test
    void onceTheQuotaIsUsedUpANewVideoIsRefusedWith429UntilMidnightUtc() {
        for (String id : new String[] {"a", "b", "c"}) {
            slots.admit(validating(id), TEN_MINUTES);
        }

        assertThatThrownBy(() -> slots.requireQuotaLeft("t")).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("quota_exceeded");
            assertThat(e.headers()).containsEntry("Retry-After", String.valueOf(2 * 3600));
        });
        TranscodeSlots tomorrow = new TranscodeSlots(ledgers, uploads, new FairUseLimits(2, 30),
                Clock.offset(clock, java.time.Duration.ofHours(2)));
        tomorrow.requireQuotaLeft("t");
        assertThat(tomorrow.use("t").secondsUsed()).isZero();
    }

    @Test
    void aGrantMovesAQueuedUploadToProcessingAndAReleaseHandsTheSlotOn() {
        twoEncodingOneWaiting();

        assertThat(slots.claim("t", "c")).isEqualTo(SlotClaim.waiting(1));
        assertThat(status("c")).isEqualTo(UploadStatus.Queued);

        assertThat(slots.release("t", "a")).as("the upload to wake").containsExactly("c");
        assertThat(slots.release("t", "a")).as("a repeated release gives nothing to anyone").isEmpty();

        assertThat(slots.claim("t", "c")).isEqualTo(SlotClaim.granted());
        assertThat(status("c")).isEqualTo(UploadStatus.Processing);
        assertThat(slots.claim("t", "c")).as("a repeated claim").isEqualTo(SlotClaim.granted());
        assertThat(slots.use("t").active()).isEqualTo(2);
    }

    @Test
    void anUploadDeletedWhileItWaitedIsGoneAndGetsItsMinutesBack() {
        twoEncodingOneWaiting();
        uploads.update("t", "c", current -> current.delete(NOW));

        assertThat(slots.claim("t", "c")).isEqualTo(SlotClaim.gone());
        assertThat(slots.use("t").queued()).isZero();
        assertThat(slots.use("t").secondsUsed()).isEqualTo(1200);
    }

    @Test
    void theHeadOfTheLineFreesSlotsHeldByUploadsThatEndedWithoutReleasingThem() {
        twoEncodingOneWaiting();
        // a finished, and the process died before it released its slot.
        uploads.update("t", "a", current -> current.succeed(java.util.List.of(), NOW));

        assertThat(slots.claim("t", "c")).isEqualTo(SlotClaim.granted());
        assertThat(status("c")).isEqualTo(UploadStatus.Processing);
    }

    @Test
    void theWatchdogsSweepDropsEveryEntryWhoseUploadEndedOrVanished() {
        twoEncodingOneWaiting();
        uploads.update("t", "b", current -> current.delete(NOW));
        uploads.update("t", "c", current -> current.delete(NOW));

        assertThat(slots.reconcile("t")).isEqualTo(2);

        assertThat(slots.positions("t")).isEmpty();
        assertThat(slots.use("t").active()).as("only a").isEqualTo(1);
        assertThat(slots.use("t").secondsUsed()).as("c never encoded").isEqualTo(1200);
    }

    /** a and b hold the two slots, c waits first in line. */
    private void twoEncodingOneWaiting() {
        admitAs("a", UploadStatus.Processing);
        admitAs("b", UploadStatus.Processing);
        admitAs("c", UploadStatus.Queued);
    }

    private void admitAs(String id, UploadStatus expected) {
        Upload upload = validating(id);
        Admission admission = slots.admit(upload, TEN_MINUTES);
        assertThat(admission.kind()).isNotEqualTo(Admission.Kind.OVER_QUOTA);
        uploads.update("t", id, current -> admission.kind() == Admission.Kind.START
                ? current.startProcessing(TEN_MINUTES, NOW) : current.queue(TEN_MINUTES, NOW));
        assertThat(status(id)).isEqualTo(expected);
    }

    private Upload validating(String id) {
        Upload upload = Upload.awaitingUpload(id, "t", "v.mp4", "video/mp4", 1, new BlobRef("uploads", "t/" + id + "/v.mp4"),
                "c", NOW, NOW).startValidating(NOW);
        uploads.create(upload);
        return upload;
    }

    private UploadStatus status(String id) {
        return uploads.find("t", id).orElseThrow().status();
    }
}
