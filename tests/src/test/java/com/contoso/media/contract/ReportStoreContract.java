package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.usagereport.DailyUsage;
import com.contoso.media.usagereport.ReportStore;
import com.contoso.media.usagereport.UsageCounters;
import com.contoso.media.usagereport.UsageFold;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReportStore} must do: exactly-once application per event id, server-side sums that survive
 * concurrent writers of the same day, tenant isolation, and freshness. Runs on the in-process stand-in always
 * and on Cosmos DB when an account is configured.
 */
abstract class ReportStoreContract {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final UsageCounters ONE_UPLOAD = new UsageCounters(1, 100, 0, 0, 0, 0, 0);
    protected final String tenant = "contract-" + UUID.randomUUID();

    protected abstract ReportStore store();

    private UsageFold fold(String eventId, LocalDate day, Instant at) {
        return new UsageFold(tenant, day, eventId, ONE_UPLOAD, at);
    }

    @Test
    void anEventIdIsAppliedOnce() {
        UsageFold fold = fold("e1", DAY, Instant.parse("2026-11-20T10:00:00Z"));

        assertThat(store().applyOnce(fold)).isTrue();
        assertThat(store().applyOnce(fold)).isFalse();

        assertThat(store().read(tenant, DAY, DAY)).extracting(DailyUsage::counters).containsExactly(ONE_UPLOAD);
        assertThat(store().wasApplied(tenant, "e1")).isTrue();
        assertThat(store().wasApplied(tenant, "e2")).isFalse();
    }

    @Test
    void concurrentWritersOfANewDayLoseNothing() {
        List<CompletableFuture<Boolean>> writers = new ArrayList<>();
        IntStream.range(0, 16).forEach(i -> writers.add(CompletableFuture.supplyAsync(() ->
                store().applyOnce(fold("c" + i, DAY, Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i))))));
        writers.forEach(CompletableFuture::join);

        assertThat(store().read(tenant, DAY, DAY)).extracting(DailyUsage::counters)
                .containsExactly(new UsageCounters(16, 1600, 0, 0, 0, 0, 0));
    }

    @Test
    void readsAreTenantAndRangeScopedAndInDayOrder() {
        store().applyOnce(fold("late", DAY.plusDays(2), Instant.parse("2026-11-22T10:00:00Z")));
        store().applyOnce(fold("early", DAY, Instant.parse("2026-11-20T10:00:00Z")));
        store().applyOnce(fold("outside", DAY.plusDays(5), Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(store().read(tenant, DAY, DAY.plusDays(3))).extracting(DailyUsage::day)
                .containsExactly(DAY, DAY.plusDays(2));
        assertThat(store().read("someone-else", DAY, DAY.plusDays(3))).isEmpty();
        assertThat(store().newestFolded("someone-else")).isEmpty();
    }

    @Test
    void theNewestFoldedEventIsTheLatestEventTimeWhateverTheOrder() {
        store().applyOnce(fold("newer", DAY, Instant.parse("2026-11-20T12:00:00Z")));
        store().applyOnce(fold("older", DAY, Instant.parse("2026-11-20T09:00:00Z")));
        store().applyOnce(new UsageFold(tenant, DAY, "correction-1", ONE_UPLOAD, Instant.EPOCH));

        assertThat(store().newestFolded(tenant)).contains(Instant.parse("2026-11-20T12:00:00Z"));
    }

    @Test
    void aJobCheckpointReadsBack() {
        String job = "contract-job-" + UUID.randomUUID();

        assertThat(store().checkpoint(job)).isEmpty();
        store().saveCheckpoint(job, "tenant-b");
        store().saveCheckpoint(job, "tenant-c");

        assertThat(store().checkpoint(job)).contains("tenant-c");
    }
}
