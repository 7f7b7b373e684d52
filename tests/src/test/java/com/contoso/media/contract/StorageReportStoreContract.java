package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.events.UploadEventData;
import com.contoso.media.storagereport.DayDelta;
import com.contoso.media.storagereport.StorageFacts;
import com.contoso.media.storagereport.StorageReportStore;
import com.contoso.media.storagereport.StorageTransition;
import com.contoso.media.storagereport.StoredKind;
import com.contoso.media.storagereport.UploadStorage;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StorageReportStore} must do: a transition applies only from the stored version (so of two
 * racing, one wins), atomically with its day deltas; day deltas from different uploads add up even when written at
 * once; listings stop at the day asked and stay in the tenant. Runs on the in-memory stand-in and Azurite's Table
 * storage always, and on Cosmos DB when an account is configured.
 */
abstract class StorageReportStoreContract {

    private static final Instant ACCEPTED = Instant.parse("2026-11-02T12:00:00Z");
    protected final String tenant = "contract-" + UUID.randomUUID();

    protected abstract StorageReportStore store();

    private static StorageFacts accepted(long size) {
        return new StorageFacts(List.of(new UploadEventData.HistoryEntry("AwaitingUpload", ACCEPTED.minusSeconds(60)),
                new UploadEventData.HistoryEntry("Succeeded", ACCEPTED)), new UploadEventData.StoredBytes(size, 0, 0));
    }

    private StorageTransition first(String upload, long size) {
        StorageFacts facts = accepted(size);
        return new StorageTransition(0, new UploadStorage(tenant, upload, 2, facts), ACCEPTED,
                DayDelta.between(StorageFacts.NONE, facts));
    }

    @Test
    void aTransitionAppliesOnlyFromTheStoredVersion() {
        assertThat(store().apply(first("u1", 1000))).isTrue();
        assertThat(store().apply(first("u1", 1000))).as("from 0 again").isFalse();

        List<UploadEventData.HistoryEntry> history = new ArrayList<>(accepted(1000).history());
        history.add(new UploadEventData.HistoryEntry("Deleted", ACCEPTED.plusSeconds(3600)));
        StorageFacts deleted = new StorageFacts(history, new UploadEventData.StoredBytes(1000, 0, 0));
        StorageTransition delete = new StorageTransition(2, new UploadStorage(tenant, "u1", 3, deleted),
                ACCEPTED.plusSeconds(3600), DayDelta.between(accepted(1000), deleted));
        assertThat(store().apply(delete)).isTrue();
        assertThat(store().apply(delete)).as("from a version no longer stored").isFalse();

        UploadStorage stored = store().find(tenant, "u1").orElseThrow();
        assertThat(stored.sequence()).isEqualTo(3);
        assertThat(stored.facts()).isEqualTo(deleted);
        List<DayDelta> days = store().daysThrough(tenant, LocalDate.parse("2026-11-30"));
        assertThat(days).hasSize(1);
        assertThat(days.get(0).bytes()).isEmpty();
        assertThat(days.get(0).byteMillisOf(StoredKind.ORIGINALS))
                .isEqualTo(BigInteger.valueOf(1000L * 3_600_000));
        assertThat(days.get(0).statuses()).containsEntry("Deleted", 1L).doesNotContainKey("Succeeded");
        assertThat(store().newestApplied(tenant)).contains(ACCEPTED.plusSeconds(3600));
    }

    @Test
    void deltasOfManyUploadsWrittenAtOnceAllCount() {
        List<CompletableFuture<Boolean>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String upload = "u" + i;
            writers.add(CompletableFuture.supplyAsync(() -> store().apply(first(upload, 100))));
        }

        assertThat(writers).allSatisfy(writer -> assertThat(writer.join()).isTrue());
        DayDelta day = store().daysThrough(tenant, LocalDate.parse("2026-11-02")).get(0);
        assertThat(day.bytes()).containsEntry(StoredKind.ORIGINALS, 800L);
        assertThat(day.statuses()).containsEntry("Succeeded", 8L);
    }

    @Test
    void ofTwoTransitionsFromTheSameVersionOneWins() {
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> store().apply(first("same", 100))));
        }

        assertThat(racing.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(store().daysThrough(tenant, LocalDate.parse("2026-11-02")).get(0).bytes())
                .containsEntry(StoredKind.ORIGINALS, 100L);
    }

    @Test
    void listingsStopAtTheDayAskedAndStayInTheTenant() {
        store().apply(first("u1", 100));

        assertThat(store().daysThrough(tenant, LocalDate.parse("2026-11-01"))).isEmpty();
        assertThat(store().daysThrough(tenant, LocalDate.parse("2026-11-02"))).hasSize(1);
        assertThat(store().daysThrough("other-" + tenant, LocalDate.parse("2026-11-30"))).isEmpty();
        assertThat(store().find("other-" + tenant, "u1")).isEmpty();
        assertThat(store().newestApplied("other-" + tenant)).isEmpty();
    }
}
