package com.contoso.media.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
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
