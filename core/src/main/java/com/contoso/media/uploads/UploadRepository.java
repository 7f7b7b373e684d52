package com.contoso.media.uploads;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Port for upload records as the API and the pipeline use them, partitioned by tenant: no method can reach another
 * tenant's records (the scheduled jobs' cross-tenant queries are {@link UploadScans}).
 * Writes are optimistic: {@link #replace} fails with {@link ConcurrentUpdateException} when the record
 * changed since it was read.
 */
public interface UploadRepository {

    int MAX_UPDATE_ATTEMPTS = 8;

    /**
     * Stores a new record and the events its change raised, in one atomic write (a Cosmos transactional batch, or
     * a Table entity-group transaction). Adapters persist what they are given; the domain decided the events.
     */
    Upload create(UploadEvents.Raised write);

    /**
     * Replaces the record as it was read (ETag-conditional) and adds the events its change raised to the outbox,
     * in one atomic write.
     *
     * @throws ConcurrentUpdateException when the record changed since it was read
     */
    Upload replace(UploadEvents.Raised write);

    Optional<Upload> find(String tenantId, String uploadId);

    /** Records a new upload with the events its history raises ({@link UploadEvents#raise}). */
    default Upload create(Upload upload) {
        return create(UploadEvents.raise(upload));
    }

    /** Writes a changed record with the events its new history entries raise ({@link UploadEvents#raise}). */
    default Upload replace(Upload upload) {
        return replace(UploadEvents.raise(upload));
    }

    Page<Upload> list(String tenantId, UploadFilter filter, int limit, Optional<String> continuationToken);

    /**
     * Applies {@code change} when {@code when} holds for the current record, retrying on concurrent change.
     * Returns the record as this call wrote it, or empty when this call changed nothing: with several writers
     * racing, exactly one gets a record back.
     */
    default Optional<Upload> transition(String tenantId, String uploadId, Predicate<Upload> when,
                                        UnaryOperator<Upload> change) {
        // Reports the attempt whose result update() kept, so a lost race that re-read the winner's record is empty.
        AtomicBoolean applied = new AtomicBoolean();
        Optional<Upload> after = update(tenantId, uploadId, current -> {
            applied.set(when.test(current));
            return applied.get() ? change.apply(current) : current;
        });
        return applied.get() ? after : Optional.empty();
    }

    /**
     * Read-modify-write with retry on concurrent change. {@code change} returns its argument unchanged
     * when no write is wanted (for example because another writer already moved the upload on).
     */
    default Optional<Upload> update(String tenantId, String uploadId, UnaryOperator<Upload> change) {
        for (int attempt = 1; attempt <= MAX_UPDATE_ATTEMPTS; attempt++) {
            Optional<Upload> current = find(tenantId, uploadId);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Upload next = change.apply(current.get());
            if (next == current.get()) {
                return current;
            }
            try {
                return Optional.of(replace(next));
            } catch (ConcurrentUpdateException lostRace) {
                // Someone else wrote first: re-read and let the change decide again.
            }
        }
        throw new ConcurrentUpdateException("Upload " + uploadId + " kept changing; gave up after "
                + MAX_UPDATE_ATTEMPTS + " attempts");
    }
}
