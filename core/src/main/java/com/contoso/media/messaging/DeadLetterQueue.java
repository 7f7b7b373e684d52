package com.contoso.media.messaging;

import java.util.List;

/**
 * Port: one dead-letter queue as the re-drive job reads it: a subscription's {@code $DeadLetterQueue}, or the
 * project's own queue of messages set aside with a reason.
 */
public interface DeadLetterQueue {

    /** A dead letter locked to the receiver; {@code lock} is the adapter's own handle. */
    record Locked(DeadLetter letter, Object lock) {
    }

    /** Up to {@code max} dead letters without locking or changing them. */
    List<DeadLetter> peek(int max);

    /** Up to {@code max} dead letters, locked until completed or abandoned. */
    List<Locked> receive(int max);

    /** Removes a received dead letter (re-driven, or moved elsewhere). */
    void complete(Locked letter);

    /** Releases a received dead letter, leaving it where it is. */
    void abandon(Locked letter);
}
