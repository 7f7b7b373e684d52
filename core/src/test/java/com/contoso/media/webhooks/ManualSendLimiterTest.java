package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import com.contoso.media.testing.MovableClock;
import org.junit.jupiter.api.Test;

class ManualSendLimiterTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final ManualSendLimiter limiter = new ManualSendLimiter(3, clock);

    @Test
    void theFourthSendInAMinuteIs429UntilTheOldestLeavesTheWindow() {
        limiter.acquire("t");
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire("t");
        limiter.acquire("t");

        assertThatThrownBy(() -> limiter.acquire("t")).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(429);
            assertThat(p.code()).isEqualTo("rate_limited");
            assertThat(p.headers()).containsEntry("Retry-After", "51");
        });
        limiter.acquire("other-tenant");

        clock.advance(Duration.ofSeconds(50));
        limiter.acquire("t");
    }
}
