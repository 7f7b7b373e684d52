package com.contoso.media.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

/**
 * When this process last put a message on a queue, or when one it scheduled becomes visible: what lets an idle
 * receiver wait long between empty polls and still take this process's own messages at once, as the Functions
 * host's queue listener does for messages its own functions add. Messages from elsewhere (another process, an
 * expired lock) are found by the receiver's next poll, whose wait the receiver bounds.
 */
public final class QueueArrivals {

    private final Clock clock;
    private final TreeSet<Instant> scheduled = new TreeSet<>();
    private long arrivals;

    public QueueArrivals(Clock clock) {
        this.clock = clock;
    }

    /** A message is visible now. */
    public synchronized void arrived() {
        arrivals++;
        notifyAll();
    }

    /**
     * A message becomes visible at {@code visibleAt}. Due times already past are dropped here too, so a process that
     * only sends (the Function App under {@code func start}, where the host receives) keeps no more than what is
     * still to come.
     */
    public synchronized void arrivesAt(Instant visibleAt) {
        scheduled.headSet(clock.instant()).clear();
        scheduled.add(visibleAt);
        notifyAll();
    }

    /** The count to pass to {@link #await}: taken before a poll, so an arrival during the poll is not missed. */
    public synchronized long seen() {
        return arrivals;
    }

    /**
     * Waits until a message arrives after {@code seen}, a scheduled one is due, or {@code longest} has passed.
     * True when a message may be waiting (the caller polls either way; this only says why it woke).
     */
    public synchronized boolean await(long seen, Duration longest) throws InterruptedException {
        Instant giveUp = clock.instant().plus(longest);
        while (true) {
            Instant now = clock.instant();
            if (arrivals != seen || dueBy(now)) {
                return true;
            }
            if (!now.isBefore(giveUp)) {
                return false;
            }
            Instant wakeAt = scheduled.isEmpty() || giveUp.isBefore(scheduled.first()) ? giveUp : scheduled.first();
            wait(Math.max(1, Duration.between(now, wakeAt).toMillis()));
        }
    }

    /** Whether a scheduled message is due; each due time wakes one wait, then is forgotten. */
    private boolean dueBy(Instant now) {
        if (scheduled.isEmpty() || scheduled.first().isAfter(now)) {
            return false;
        }
        scheduled.headSet(now, true).clear();
        return true;
    }
}
