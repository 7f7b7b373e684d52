package com.contoso.media.fairuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TenantLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-12-05");

    @Test
    void freeSlotsGoToTheHeadOfTheQueueInArrivalOrder() {
        TenantLedger ledger = TenantLedger.empty("t", DAY).enqueue("a", 10, T0).enqueue("b", 10, T0)
                .enqueue("c", 10, T0).promote(2, T0);

        assertThat(ledger.holdsSlot("a")).isTrue();
        assertThat(ledger.holdsSlot("b")).isTrue();
        assertThat(ledger.position("c")).hasValue(1);

        TenantLedger afterA = ledger.remove("a").promote(2, T0);
        assertThat(afterA.holdsSlot("c")).isTrue();
        assertThat(afterA.queue()).isEmpty();
    }

    @Test
    void aVideoLeavingTheQueueGetsItsMinutesBackButOneThatEncodedDoesNot() {
        TenantLedger ledger = TenantLedger.empty("t", DAY).enqueue("a", 120, T0).enqueue("b", 60, T0).promote(1, T0);

        assertThat(ledger.secondsUsed()).isEqualTo(180);
        assertThat(ledger.remove("b").secondsUsed()).as("never encoded").isEqualTo(120);
        assertThat(ledger.remove("a").secondsUsed()).as("held a slot").isEqualTo(180);
    }

    @Test
    void aNewDayStartsWithNothingUsedAndNoRefundReachesBackIntoYesterday() {
        TenantLedger yesterday = TenantLedger.empty("t", DAY).enqueue("a", 60, T0).enqueue("b", 60, T0).promote(1, T0);

        TenantLedger today = yesterday.on(DAY.plusDays(1));

        assertThat(today.secondsUsed()).isZero();
        assertThat(today.queue()).extracting(TenantLedger.Waiting::uploadId).containsExactly("b");
        assertThat(today.remove("b").secondsUsed()).isZero();
        assertThat(yesterday.on(DAY)).isSameAs(yesterday);
    }

    @Test
    void theQuotaTakesAVideoThatEndsExactlyOnItAndNotOneSecondMore() {
        TenantLedger ledger = TenantLedger.empty("t", DAY).enqueue("a", 3000, T0);

        assertThat(ledger.fits(600, 3600)).isTrue();
        assertThat(ledger.fits(601, 3600)).isFalse();
        assertThat(ledger.fits(1_000_000, 0)).as("0 = unlimited").isTrue();
    }

    @Test
    void aPromotionNeverExceedsTheLimitAndLeavesTheLedgerAloneWhenFull() {
        TenantLedger full = TenantLedger.empty("t", DAY).enqueue("a", 1, T0).enqueue("b", 1, T0).promote(1, T0);

        assertThat(full.promote(1, T0.plusSeconds(5))).isEqualTo(full);
        assertThat(full.active()).hasSize(1);
    }
}
