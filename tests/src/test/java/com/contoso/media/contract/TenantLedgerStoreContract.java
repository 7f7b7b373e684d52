package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.fairuse.Admission;
import com.contoso.media.fairuse.FairUseLimits;
import com.contoso.media.fairuse.TenantLedger;
import com.contoso.media.fairuse.TenantLedgerStore;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.MediaInfo;
import com.contoso.media.uploads.Upload;
import com.contoso.media.blobs.BlobRef;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantLedgerStore} must do: a ledger round-trips, the first write of a tenant's ledger happens
 * once, and later writes are conditional on the version read, so of two writers that read the same version exactly
 * one wins. Then the point of it all: 20 intakes admitted side by side against a limit of 3 active transcodes, and
 * against a quota that fits 6 of them, never overshoot. Runs on the in-memory stand-in and Azurite's Table storage
 * always, and on Cosmos DB when an account is configured.
 */
abstract class TenantLedgerStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    protected final String tenant = "contract-" + UUID.randomUUID();

    protected abstract TenantLedgerStore store();

    private TenantLedger ledgerWith(String uploadId) {
        return TenantLedger.empty(tenant, LocalDate.parse("2026-12-05")).enqueue(uploadId, 90, T0).promote(3, T0);
    }

    @Test
    void aLedgerRoundTripsWithItsVersion() {
        TenantLedger ledger = ledgerWith("u1").enqueue("u2", 30, T0.plusSeconds(1)).promote(1, T0);

        assertThat(store().save(ledger, Optional.empty())).isTrue();

        TenantLedgerStore.Versioned stored = store().find(tenant).orElseThrow();
        assertThat(stored.ledger()).isEqualTo(ledger);
        assertThat(stored.etag()).isNotBlank();
        assertThat(store().find("nobody-" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void onlyOneFirstWriteOfATenantsLedgerWins() {
        assertThat(store().save(ledgerWith("u1"), Optional.empty())).isTrue();

        assertThat(store().save(ledgerWith("u2"), Optional.empty())).isFalse();
        assertThat(store().find(tenant).orElseThrow().ledger().holdsSlot("u1")).isTrue();
    }

    @Test
    void ofTwoWritersThatReadTheSameVersionExactlyOneWins() {
        store().save(ledgerWith("u1"), Optional.empty());
        TenantLedgerStore.Versioned read = store().find(tenant).orElseThrow();

        boolean first = store().save(read.ledger().enqueue("u2", 10, T0), Optional.of(read.etag()));
        boolean second = store().save(read.ledger().enqueue("u3", 10, T0), Optional.of(read.etag()));

        assertThat(List.of(first, second)).containsExactly(true, false);
        TenantLedger stored = store().find(tenant).orElseThrow().ledger();
        assertThat(stored.knows("u2")).isTrue();
        assertThat(stored.knows("u3")).isFalse();
    }

    @Test
    void twentyIntakesSideBySideAgainstALimitOfThreeStartThreeAndQueueTheRestOnce() throws Exception {
        TranscodeSlots slots = new TranscodeSlots(store(), new InMemoryUploadRepository(), new FairUseLimits(3, 0),
                Clock.systemUTC());

        List<Admission> admissions = admitSideBySide(slots, 20, 60);

        assertThat(admissions).filteredOn(a -> a.kind() == Admission.Kind.START).hasSize(3);
        assertThat(admissions).filteredOn(a -> a.kind() == Admission.Kind.QUEUED).extracting(Admission::position)
                .as("every place in line handed out once").containsExactlyInAnyOrder(
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
        TenantLedger ledger = store().find(tenant).orElseThrow().ledger();
        assertThat(ledger.active()).hasSize(3);
        assertThat(ledger.queue()).hasSize(17);
        assertThat(ledger.secondsUsed()).as("each charged once").isEqualTo(20 * 60);
    }

    @Test
    void twentyIntakesSideBySideNeverAdmitMoreMinutesThanTheQuota() throws Exception {
        TranscodeSlots slots = new TranscodeSlots(store(), new InMemoryUploadRepository(), new FairUseLimits(3, 60),
                Clock.systemUTC());

        List<Admission> admissions = admitSideBySide(slots, 20, 600);

        assertThat(admissions).filteredOn(a -> a.kind() != Admission.Kind.OVER_QUOTA).hasSize(6);
        assertThat(admissions).filteredOn(a -> a.kind() == Admission.Kind.OVER_QUOTA).hasSize(14)
                .allSatisfy(a -> assertThat(a.refusal().orElseThrow().code()).isEqualTo("quota_exceeded"));
        assertThat(store().find(tenant).orElseThrow().ledger().secondsUsed()).isEqualTo(3600);
    }

    /** {@code count} intakes of videos {@code seconds} long, released together so they race for the ledger. */
    private List<Admission> admitSideBySide(TranscodeSlots slots, int count, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<CompletableFuture<Admission>> admitted = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Upload upload = Upload.awaitingUpload("u" + i, tenant, "v.mp4", "video/mp4", 1,
                        new BlobRef("uploads", tenant + "/u" + i + "/v.mp4"), "c", T0, T0);
                admitted.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return slots.admit(upload, new MediaInfo(seconds, 640, 360, 30, true, 0));
                }, pool));
            }
            go.countDown();
            List<Admission> all = new ArrayList<>();
            for (CompletableFuture<Admission> one : admitted) {
                all.add(one.get());
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
