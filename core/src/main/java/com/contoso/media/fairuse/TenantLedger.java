package com.contoso.media.fairuse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * One tenant's use of the transcoders, kept as one document so that one conditional write changes it whole:
 * the videos holding an encoding slot ({@code active}), the videos waiting for one in arrival order
 * ({@code queue}), and the seconds of video admitted on {@code day} (UTC). Immutable: every change returns a new
 * ledger, which the store writes only if nobody else wrote in between (see {@link TranscodeSlots}).
 */
public record TenantLedger(String tenantId, LocalDate day, long secondsUsed, List<Slot> active,
                           List<Waiting> queue) {

    /** A video holding a slot since {@code since}. */
    public record Slot(String uploadId, Instant since) {
    }

    /** A video waiting for a slot; {@code seconds} were charged to {@code chargedOn}'s quota when it was admitted. */
    public record Waiting(String uploadId, Instant queuedAt, long seconds, LocalDate chargedOn) {
    }

    public TenantLedger {
        active = List.copyOf(active);
        queue = List.copyOf(queue);
    }

    public static TenantLedger empty(String tenantId, LocalDate day) {
        return new TenantLedger(tenantId, day, 0, List.of(), List.of());
    }

    /** The ledger as seen on {@code today}: a new day starts with nothing used. */
    public TenantLedger on(LocalDate today) {
        return today.equals(day) ? this : new TenantLedger(tenantId, today, 0, active, queue);
    }

    public boolean holdsSlot(String uploadId) {
        return active.stream().anyMatch(slot -> slot.uploadId().equals(uploadId));
    }

    /** 1 for the next video to get a slot; empty when the video is not waiting. */
    public OptionalInt position(String uploadId) {
        return IntStream.range(0, queue.size()).filter(i -> queue.get(i).uploadId().equals(uploadId))
                .map(i -> i + 1).findFirst();
    }

    public boolean knows(String uploadId) {
        return holdsSlot(uploadId) || position(uploadId).isPresent();
    }

    /** Whether {@code seconds} more would still be within a daily quota of {@code dailySeconds} (0 = none). */
    public boolean fits(long seconds, long dailySeconds) {
        return dailySeconds == 0 || secondsUsed + seconds <= dailySeconds;
    }

    /** Charges {@code seconds} to the day and puts the video at the back of the queue. */
    public TenantLedger enqueue(String uploadId, long seconds, Instant now) {
        List<Waiting> waiting = new ArrayList<>(queue);
        waiting.add(new Waiting(uploadId, now, seconds, day));
        return new TenantLedger(tenantId, day, secondsUsed + seconds, active, waiting);
    }

    /**
     * Frees the video's slot, or takes it out of the queue. A video that leaves the queue was never encoded, so
     * its charge goes back to the day it was made on, if that is still today.
     */
    public TenantLedger remove(String uploadId) {
        long refund = queue.stream().filter(w -> w.uploadId().equals(uploadId) && w.chargedOn().equals(day))
                .mapToLong(Waiting::seconds).sum();
        return new TenantLedger(tenantId, day, Math.max(0, secondsUsed - refund),
                active.stream().filter(slot -> !slot.uploadId().equals(uploadId)).toList(),
                queue.stream().filter(w -> !w.uploadId().equals(uploadId)).toList());
    }

    /** Gives free slots to the head of the queue, in order: the only way a waiting video gets one. */
    public TenantLedger promote(int maxActive, Instant now) {
        List<Slot> slots = new ArrayList<>(active);
        List<Waiting> waiting = new ArrayList<>(queue);
        while (slots.size() < maxActive && !waiting.isEmpty()) {
            slots.add(new Slot(waiting.remove(0).uploadId(), now));
        }
        return new TenantLedger(tenantId, day, secondsUsed, slots, waiting);
    }
}
