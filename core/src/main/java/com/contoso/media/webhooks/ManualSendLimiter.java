package com.contoso.media.webhooks;

import com.contoso.media.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps a tenant's "send test" and "redeliver" calls: each makes this service call the tenant's URL at once, so
 * without a cap a tenant could aim our outbound traffic at a host. A sliding window per tenant and per instance:
 * at most {@code perMinute} in any 60 seconds, then 429 with {@code Retry-After} until the oldest leaves the window.
 * Per instance, so N instances allow N times as many; the cap bounds bursts, which is what matters here.
 */
public final class ManualSendLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public ManualSendLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts one manual send of {@code tenantId}, or refuses it with 429 {@code rate_limited}. */
    public void acquire(String tenantId) {
        Instant now = clock.instant();
        Deque<Instant> sends = recent.computeIfAbsent(tenantId, t -> new ArrayDeque<>());
        synchronized (sends) {
            while (!sends.isEmpty() && !sends.peekFirst().plus(WINDOW).isAfter(now)) {
                sends.pollFirst();
            }
            if (sends.size() >= perMinute) {
                long wait = Math.max(1, Duration.between(now, sends.peekFirst().plus(WINDOW)).toSeconds() + 1);
                throw new ProblemException(429, "rate_limited", "At most " + perMinute + " test sends and"
                        + " redeliveries a minute; try again in " + wait + " seconds.")
                        .withHeader("Retry-After", String.valueOf(wait));
            }
            sends.addLast(now);
        }
    }
}
