package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueueArrivalsTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    private final QueueArrivals arrivals = new QueueArrivals(Clock.systemUTC());

    @Test
    void aWaitingReceiverWakesWhenThisProcessSends() throws Exception {
        long seen = arrivals.seen();
        CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> await(seen, AN_HOUR));

        arrivals.arrived();

        assertThat(woke.get(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void aMessageSentDuringThePollIsNotMissed() throws Exception {
        long seen = arrivals.seen();
        arrivals.arrived(); // after the receiver took its count, before it waits

        assertThat(arrivals.await(seen, AN_HOUR)).isTrue();
    }

    @Test
    void aScheduledMessageWakesAReceiverWhenDueAndOnlyOnce() throws Exception {
        arrivals.arrivesAt(Clock.systemUTC().instant().plusMillis(50));

        assertThat(arrivals.await(arrivals.seen(), AN_HOUR)).isTrue();
        assertThat(arrivals.await(arrivals.seen(), Duration.ofMillis(20))).isFalse();
    }

    @Test
    void aSenderWithNoReceiverKeepsOnlyTheDueTimesStillToCome() throws Exception {
        Instant now = Instant.parse("2026-12-03T10:00:00Z");
        QueueArrivals sendOnly = new QueueArrivals(Clock.fixed(now, ZoneOffset.UTC));
        for (int i = 1; i <= 1_000; i++) {
            sendOnly.arrivesAt(now.minusSeconds(i));
        }
        sendOnly.arrivesAt(now.plusSeconds(5));

        // The past due times were dropped as they were added: none is left to count as due now.
        assertThat(sendOnly.await(sendOnly.seen(), Duration.ZERO)).as("nothing due yet").isFalse();
    }

    @Test
    void withNothingSentTheWaitEndsAtItsLongest() throws Exception {
        assertThat(arrivals.await(arrivals.seen(), Duration.ofMillis(20))).isFalse();
    }

    private boolean await(long seen, Duration longest) {
        try {
            return arrivals.await(seen, longest);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
