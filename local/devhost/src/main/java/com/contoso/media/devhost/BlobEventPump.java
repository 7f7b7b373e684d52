package com.contoso.media.devhost;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.contoso.media.intake.BlobCreated;
import com.contoso.media.intake.IntakeService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azurite raises no Event Grid events, so the local runtime lists the inbox container and hands every blob that
 * has appeared (or been rewritten) to the same intake code the Event Grid trigger calls, as Event Grid would for
 * every write, awaited or not: intake deletes what no upload awaits. Intake empties the inbox as it goes, so each
 * poll costs one listing proportional to the blobs in the inbox, not to all uploads.
 * Like the Functions host it retries a failing blob with backoff and gives up after {@link #MAX_ATTEMPTS},
 * logging it as poison.
 */
final class BlobEventPump implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobEventPump.class);
    static final int MAX_ATTEMPTS = 5;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final BlobContainerClient inbox;
    private final IntakeService intake;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(4);
    /** Blob name → the ETag last handed to intake, so each committed version is delivered once. */
    private final Map<String, String> delivered = new ConcurrentHashMap<>();

    BlobEventPump(BlobContainerClient inbox, IntakeService intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            Set<String> present = new HashSet<>();
            for (BlobItem blob : inbox.listBlobs()) {
                present.add(blob.getName());
                String etag = blob.getProperties().getETag();
                if (!etag.equals(delivered.put(blob.getName(), etag))) {
                    BlobCreated event = new BlobCreated(inbox.getBlobContainerName(), blob.getName());
                    workers.execute(() -> deliver(event, 1));
                }
            }
            // Forget what intake removed, so the map stays as small as the inbox and a new write is seen as new.
            delivered.keySet().retainAll(present);
        } catch (RuntimeException e) {
            LOG.warn("could not list the inbox (is Azurite running?)", e);
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
