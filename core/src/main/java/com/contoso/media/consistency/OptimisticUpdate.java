package com.contoso.media.consistency;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read, decide, write if nobody wrote in between; otherwise read again and decide again. This is how a document
 * that several instances change at once (a tenant's ledger, the tenant registry) stays consistent without locks.
 * A decision that changes nothing writes nothing. It backs off with jitter, so a crowd of writers spreads out
 * instead of colliding again in step.
 */
public final class OptimisticUpdate {

    private static final int MAX_ATTEMPTS = 64;

    private OptimisticUpdate() {
    }

    /** A stored value and the store's version of it (an ETag). */
    public record Stored<V>(V value, String etag) {
    }

    /** One document behind a conditional write. */
    public interface Document<V> {
        Optional<Stored<V>> read();

        /** Writes {@code next} if the stored version is still {@code ifMatch} (empty: none yet); false otherwise. */
        boolean write(V next, Optional<String> ifMatch);

        /** A document from a store's read and conditional write. */
        static <V> Document<V> of(Supplier<Optional<Stored<V>>> read, BiPredicate<V, Optional<String>> write) {
            return new Document<>() {
                @Override
                public Optional<Stored<V>> read() {
                    return read.get();
                }

                @Override
                public boolean write(V next, Optional<String> ifMatch) {
                    return write.test(next, ifMatch);
                }
            };
        }
    }

    /** What to store next, and what to answer the caller. */
    public record Decision<V, T>(V next, T result) {
    }

    public static <V, T> T apply(String what, Document<V> document, Supplier<V> absent,
                                 Function<V, Decision<V, T>> decide) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<Stored<V>> stored = document.read();
            V before = stored.map(Stored::value).orElseGet(absent);
            Decision<V, T> decision = decide.apply(before);
            if (decision.next().equals(before)
                    || document.write(decision.next(), stored.map(Stored::etag))) {
                return decision.result();
            }
            pause(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
        }
        throw new IllegalStateException(what + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }

    /** Sleeps between attempts (or polls); an interrupt ends the wait as an unchecked failure, flag restored. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
