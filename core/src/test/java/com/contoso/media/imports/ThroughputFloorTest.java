package com.contoso.media.imports;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThroughputFloorTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T00:00:00Z"));
    private final ThroughputFloor floor = new ThroughputFloor(1000, Duration.ofSeconds(10), clock);

    @Test
    void aSourceAtThePaceOfTheFloorGoesOnWindowAfterWindow() {
        for (int second = 0; second < 60; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThatCode(() -> floor.received(1000)).doesNotThrowAnyException();
        }
    }

    @Test
    void aBurstThenASlowDripIsStoppedAtTheEndOfTheFirstSlowWindow() {
        floor.received(50_000);
        clock.advance(Duration.ofSeconds(10));
        floor.received(1);
        for (int second = 0; second < 9; second++) {
            clock.advance(Duration.ofSeconds(1));
            floor.received(100);
        }
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> floor.received(100)).isInstanceOfSatisfying(SourceFetchException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.failure())
                        .isEqualTo(SourceFetchException.Failure.STALLED));
    }
}
