package com.contoso.media.devhost;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import com.contoso.media.intake.BlobCreated;
import com.contoso.media.intake.IntakeService;
import com.contoso.media.storage.BlobRef;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azurite raises no Event Grid events, so the local runtime looks for the blobs of the uploads it is waiting for
 * and hands each one that has appeared (or been rewritten) to the same intake code the Event Grid trigger calls.
 * Checking only awaited blobs keeps each poll proportional to the uploads in flight, not to the container.
 * Like the Functions host it retries a failing blob with backoff and gives up after {@link #MAX_ATTEMPTS},
 * logging it as poison.
 */
final class BlobEventPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobEventPump.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final BlobServiceClient blobs;
    private final Supplier<Collection<BlobRef>> awaited;
    private final IntakeService intake;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
    /** Blob → the ETag last handed to intake, so each committed version is delivered once. */
    private final Map<BlobRef, String> delivered = new ConcurrentHashMap<>();

    BlobEventPump(BlobServiceClient blobs, Supplier<Collection<BlobRef>> awaited, IntakeService intake) {
        this.blobs = blobs;
        this.awaited = awaited;
        this.intake = intake;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            for (BlobRef blob : awaited.get()) {
                String etag = etag(blob);
                if (etag != null && !etag.equals(delivered.put(blob, etag))) {
                    BlobCreated event = new BlobCreated(blob.container(), blob.name());
                    workers.execute(() -> deliver(event, 1));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("could not look for uploaded blobs (is Azurite running?)", e);
        }
    }

    /** The committed blob's ETag, or null while nothing has been committed under that name. */
    private String etag(BlobRef blob) {
        try {
            return blobs.getBlobContainerClient(blob.container()).getBlobClient(blob.name()).getProperties().getETag();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void deliver(BlobCreated event, int attempt) {
        try {
            intake.onBlobCreated(event);
        } catch (RuntimeException e) {
            if (attempt >= MAX_ATTEMPTS) {
                LOG.error("blob {} failed {} times; moved to poison", event.subject(), attempt, e);
                return;
            }
            long backoff = FIRST_BACKOFF.toMillis() << (attempt - 1);
            LOG.warn("blob {} failed (attempt {}), retrying in {} ms", event.subject(), attempt, backoff, e);
            workers.schedule(() -> deliver(event, attempt + 1), backoff, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
