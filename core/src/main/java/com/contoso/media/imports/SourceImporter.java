package com.contoso.media.imports;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.BlobStaging;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.http.ProblemException;
import com.contoso.media.logging.LogContext;
import com.contoso.media.messaging.BusMessage;
import com.contoso.media.messaging.MessageScheduler;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.UrlRefusedException;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadError;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches an import's file from its source into the upload's inbox blob, one queue message per slice, and lets the
 * blob-created event take it from there: the same validation, states and events as a file a client uploaded.
 *
 * <p>The file is staged as uncommitted blocks and committed only when it is whole, so nothing partial is ever
 * validated. Each message claims the upload with a lease on its record, fetches for one slice, records how far it
 * got and sends the next message; a second delivery finds the lease held and looks again when it ends. A process
 * that dies loses at most one block: the next message resumes from the staged blocks with a {@code Range}
 * request, or starts over (under a new block generation) when the source ignores ranges or its file changed.
 */
public final class SourceImporter {

    private static final Logger LOG = LoggerFactory.getLogger(SourceImporter.class);
    private static final String SUBJECT = "media.import.fetch";

    private final UploadRepository uploads;
    private final MediaStore store;
    private final BlobStaging staging;
    private final SourceClient client;
    private final MessageScheduler queue;
    private final ImportSettings settings;
    private final OutboundUrlGuard guard;
    private final long maxBytes;
    private final Clock clock;

    public SourceImporter(UploadRepository uploads, MediaStore store, BlobStaging staging, SourceClient client,
                          MessageScheduler queue, ImportSettings settings, OutboundUrlGuard guard, long maxBytes,
                          Clock clock) {
        this.uploads = uploads;
        this.guard = guard;
        this.store = store;
        this.staging = staging;
        this.client = client;
        this.queue = queue;
        this.settings = settings;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * The source URL as it will be fetched, when the guard accepts it now: https, an allowed port, a host that
     * does not resolve to a private or special-purpose address. Every connection and redirect is checked again.
     */
    public String accept(String url) {
        try {
            return guard.check(url).toString();
        } catch (UrlRefusedException refused) {
            throw ProblemException.badRequest(refused.code(), refused.getMessage());
        }
    }

    public Duration timeLimit() {
        return settings.timeLimit();
    }

    /**
     * When the expiry job may end an import whose work was lost: past its deadline, by more than a lease, so an
     * import still fetching is always ended by its own slice (with its own reason) first.
     */
    public Instant expiryOf(SourceImport source) {
        return source.deadline().plus(settings.lease()).plus(settings.slice());
    }

    /** Asks for the import's next slice at {@code visibleAt}. */
    public void enqueue(String tenantId, String uploadId, Instant visibleAt) {
        queue.schedule(new BusMessage(UUID.randomUUID().toString(), SUBJECT, Map.of(),
                new ImportMessage(tenantId, uploadId).toJson()), visibleAt);
    }

    /** One queue message: one slice of the fetch, or nothing when the import is done, gone or in other hands. */
    public void handle(String body) {
        ImportMessage message = ImportMessage.parse(body);
        String holder = UUID.randomUUID().toString();
        AtomicReference<Instant> heldUntil = new AtomicReference<>();
        Optional<Upload> claimed = uploads.transition(message.tenantId(), message.uploadId(),
                current -> claimable(current, holder, heldUntil),
                current -> current.withSourceImport(current.sourceImport().orElseThrow()
                        .leasedTo(holder, clock.instant().plus(settings.lease()))));
        if (heldUntil.get() != null) {
            // Another delivery is fetching: look again when its lease ends, in case it died.
            enqueue(message.tenantId(), message.uploadId(), heldUntil.get());
            return;
        }
        claimed.ifPresent(upload -> {
            try (LogContext ignored = LogContext.of(upload.tenantId(), upload.id(), upload.correlationId())) {
                new Slice(upload, holder).run();
            }
        });
    }

    private boolean claimable(Upload current, String holder, AtomicReference<Instant> heldUntil) {
        heldUntil.set(null);
        if (current.status() != UploadStatus.AwaitingUpload || current.sourceImport().isEmpty()) {
            return false;
        }
        SourceImport source = current.sourceImport().get();
        if (source.leasedToAnotherAt(holder, clock.instant())) {
            heldUntil.set(source.leaseUntil().orElseThrow());
            return false;
        }
        return true;
    }

    /** This slice no longer holds the import: the upload moved on, or another delivery took over. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    /** One message's work on one upload. */
    private final class Slice {
        private final Upload upload;
        private final String holder;
        private final BlobRef blob;
        private SourceImport source;
        private int generation;
        private int blocks;
        private long offset;

        Slice(Upload upload, String holder) {
            this.upload = upload;
            this.holder = holder;
            this.blob = upload.source();
            this.source = upload.sourceImport().orElseThrow();
        }

        void run() {
            if (store.describe(blob).isPresent()) {
                // Committed by a slice that died before it could say so: the blob-created event has it now.
                LOG.info("import already complete; the file is in the inbox");
                return;
            }
            if (clock.instant().isAfter(source.deadline())) {
                reject("source_stalled", "The source did not deliver the whole file within the import's time limit"
                        + " of " + settings.timeLimit().toMinutes() + " minutes.");
                return;
            }
            try {
                fetch();
            } catch (SourceFetchException e) {
                failed(e);
            } catch (LeaseLost e) {
                LOG.info("import slice stopped: the upload moved on, or another delivery took the fetch over");
            }
        }

        private void fetch() {
            resumeFromStagedBlocks();
            Instant sliceEnd = clock.instant().plus(settings.slice());
            try (SourceClient.Answer answer = client.open(URI.create(source.url()), offset,
                    offset > 0 ? source.validator() : Optional.empty())) {
                if (!acceptable(answer)) {
                    return;
                }
                if (offset > 0 && (answer.status() != 206 || answer.startOffset() != offset)) {
                    LOG.info("the source answered {} to a range from {}: starting over", answer.status(), offset);
                    generation++;
                    blocks = 0;
                    offset = 0;
                }
                Optional<Long> total = answer.totalBytes();
                long cap = cap();
                if (total.filter(length -> length > cap).isPresent()) {
                    tooLarge(cap);
                    return;
                }
                // A source that takes ranges is fetched a slice per message; one that does not, in one go.
                boolean resumable = answer.status() == 206 || answer.acceptsRanges();
                copy(answer, total, cap, resumable ? sliceEnd : Instant.MAX);
            }
        }

        private void resumeFromStagedBlocks() {
            generation = source.generation();
            Map<Integer, Long> staged = staging.stagedBlocks(blob, generation);
            while (staged.containsKey(blocks)) {
                offset += staged.get(blocks);
                blocks++;
            }
        }

        /** Whether the answer carries the file; an HTTP error ends the import or waits for a retry. */
        private boolean acceptable(SourceClient.Answer answer) {
            int status = answer.status();
            if (status == 200 || status == 206) {
                return true;
            }
            if (status == 416 && offset > 0) {
                // The range no longer fits the file (it changed): the next slice starts over.
                record(generation + 1, 0, Optional.empty(), Optional.empty());
                handOn();
                return false;
            }
            String detail = "The source answered HTTP " + status + ".";
            if (status == 429 || status >= 500) {
                retryOrReject("source_http_error", detail);
            } else {
                reject("source_http_error", detail);
            }
            return false;
        }

        private void copy(SourceClient.Answer answer, Optional<Long> total, long cap, Instant sliceEnd) {
            byte[] block = new byte[settings.blockBytes()];
            ThroughputFloor floor = new ThroughputFloor(settings.minBytesPerSecond(), settings.stallWindow(), clock);
            InputStream in = answer.body();
            try {
                while (true) {
                    int filled = fill(in, block, floor);
                    if (filled > 0) {
                        staging.stageBlock(blob, generation, blocks++, block, filled);
                        offset += filled;
                        if (offset > cap) {
                            tooLarge(cap);
                            return;
                        }
                        record(generation, offset, total, answer.validator());
                    }
                    if (filled < block.length) {
                        finish(total);
                        return;
                    }
                    if (!clock.instant().isBefore(sliceEnd)) {
                        handOn();
                        return;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new SourceFetchException(SourceFetchException.Failure.STALLED, "the source sent nothing for "
                        + settings.stallWindow().toSeconds() + " s", e);
            } catch (IOException e) {
                // The connection broke mid-file: what is staged stays, and the retry resumes after it.
                throw new SourceFetchException(SourceFetchException.Failure.UNREACHABLE, "the connection broke after "
                        + offset + " bytes: " + e, e);
            }
        }

        /** Reads until the block is full or the file ends; fewer than a block's bytes means the end. */
        private int fill(InputStream in, byte[] block, ThroughputFloor floor) throws IOException {
            int filled = 0;
            while (filled < block.length) {
                int read = in.read(block, filled, block.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
                floor.received(read);
            }
            return filled;
        }

        private void finish(Optional<Long> total) {
            if (total.filter(length -> length != offset).isPresent()) {
                throw new SourceFetchException(SourceFetchException.Failure.UNREACHABLE, "the source ended after "
                        + offset + " of " + total.get() + " bytes");
            }
            SourceImport done = source.progressed(offset, Optional.of(offset), source.validator(), generation)
                    .released();
            // The size first: intake compares the committed file with the record as soon as the blob appears.
            Optional<Upload> recorded = uploads.transition(upload.tenantId(), upload.id(), this::stillMine,
                    current -> current.fetched(done));
            if (recorded.isEmpty()) {
                LOG.info("import finished, but the upload moved on meanwhile; nothing committed");
                return;
            }
            Map<String, String> metadata = new LinkedHashMap<>(Map.of("correlationid", upload.correlationId()));
            upload.latestTrace().ifPresent(trace -> metadata.put(TraceContext.TRACEPARENT, trace.traceparent()));
            staging.commitBlocks(blob, generation, blocks, upload.contentType(), metadata);
            LOG.info("import fetched {} bytes in {} blocks", offset, blocks);
        }

        private void record(int atGeneration, long received, Optional<Long> total, Optional<String> validator) {
            source = source.progressed(received, total, validator, atGeneration)
                    .leasedTo(holder, clock.instant().plus(settings.lease()));
            Optional<Upload> written = uploads.transition(upload.tenantId(), upload.id(), this::stillMine,
                    current -> current.withSourceImport(source));
            if (written.isEmpty()) {
                throw new LeaseLost();
            }
        }

        /** Gives the lease up and asks for the next slice, which resumes where this one stopped. */
        private void handOn() {
            source = source.released();
            if (uploads.transition(upload.tenantId(), upload.id(), this::stillMine,
                    current -> current.withSourceImport(source)).isEmpty()) {
                throw new LeaseLost();
            }
            enqueue(upload.tenantId(), upload.id(), clock.instant());
        }

        private boolean stillMine(Upload current) {
            return current.status() == UploadStatus.AwaitingUpload && current.sourceImport()
                    .flatMap(SourceImport::leaseHolder).filter(holder::equals).isPresent();
        }

        private long cap() {
            return source.declaredBytes().map(declared -> Math.min(declared, maxBytes)).orElse(maxBytes);
        }

        private void tooLarge(long cap) {
            reject("source_too_large", source.declaredBytes().isPresent()
                    ? "The source's file is larger than the declared " + cap + " bytes."
                    : "The source's file is larger than the maximum of " + cap + " bytes.");
        }

        private void failed(SourceFetchException e) {
            LOG.info("import fetch failed ({}): {}", e.failure(), e.getMessage());
            switch (e.failure()) {
                case REFUSED -> reject("source_refused", e.getMessage());
                case TOO_MANY_REDIRECTS -> reject("source_refused", "The source redirected more than "
                        + SourceClient.MAX_REDIRECTS + " times.");
                case STALLED -> reject("source_stalled", "The source sent the file slower than "
                        + settings.minBytesPerSecond() + " bytes per second.");
                case UNREACHABLE -> retryOrReject("source_unreachable", "The source could not be reached.");
            }
        }

        private void retryOrReject(String code, String message) {
            if (source.failures() + 1 >= settings.retries()) {
                reject(code, message + " Tried " + settings.retries() + " times.");
                return;
            }
            Instant retryAt = clock.instant().plus(settings.backoff(source.failures()));
            Optional<Upload> written = uploads.transition(upload.tenantId(), upload.id(), this::stillMine,
                    current -> current.withSourceImport(current.sourceImport().orElseThrow().failedOnce()));
            if (written.isPresent()) {
                LOG.info("import will try its source again at {}", retryAt);
                enqueue(upload.tenantId(), upload.id(), retryAt);
            }
        }

        private void reject(String code, String message) {
            uploads.transition(upload.tenantId(), upload.id(),
                    current -> current.status() == UploadStatus.AwaitingUpload && current.isImport(),
                    current -> current.rejectImport(new UploadError(code, message), clock.instant()))
                    .ifPresent(rejected -> LOG.info("import rejected: {}", code));
        }
    }
}
