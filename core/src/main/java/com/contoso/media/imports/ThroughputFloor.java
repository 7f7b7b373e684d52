package com.contoso.media.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The slowest a source may send: at least {@code minBytesPerSecond} on average over every window of
 * {@code window}. A source that sends a little now and then ("slow drip") keeps a connection alive without ever
 * tripping a read timeout; this is what stops it.
 */
final class ThroughputFloor {

    private final long minBytesPerSecond;
    private final Duration window;
    private final Clock clock;
    private Instant windowStart;
    private long bytesInWindow;

    ThroughputFloor(long minBytesPerSecond, Duration window, Clock clock) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.window = window;
        this.clock = clock;
        this.windowStart = clock.instant();
    }

    /** Counts {@code bytes} just read; throws when the window that just closed carried too few. */
    void received(long bytes) {
        bytesInWindow += bytes;
        Instant now = clock.instant();
        Duration elapsed = Duration.between(windowStart, now);
        if (elapsed.compareTo(window) < 0) {
            return;
        }
        long floor = minBytesPerSecond * elapsed.toMillis() / 1000;
        if (bytesInWindow < floor) {
            throw new SourceFetchException(SourceFetchException.Failure.STALLED, "the source sent " + bytesInWindow
                    + " bytes in " + elapsed.toSeconds() + " s, under the floor of " + minBytesPerSecond + " B/s");
        }
        windowStart = now;
        bytesInWindow = 0;
    }
}
