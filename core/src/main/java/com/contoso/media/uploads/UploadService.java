package com.contoso.media.uploads;

import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.UploadTarget;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.http.ProblemException;
import com.contoso.media.imports.SourceImport;
import com.contoso.media.imports.SourceImporter;
import com.contoso.media.logging.LogContext;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.transcoding.TranscodeControl;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, reads, lists and deletes a tenant's uploads. Every method is scoped to the caller's tenant. */
public final class UploadService {

    private static final Logger LOG = LoggerFactory.getLogger(UploadService.class);

    private final UploadRepository uploads;
    private final MediaStore store;
    private final TranscodeControl transcodes;
    private final TranscodeSlots slots;
    private final SourceImporter importer;
    private final UploadPolicy policy;
    private final Clock clock;

    public UploadService(UploadRepository uploads, MediaStore store, TranscodeControl transcodes, TranscodeSlots slots,
                         SourceImporter importer, UploadPolicy policy, Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.transcodes = transcodes;
        this.slots = slots;
        this.importer = importer;
        this.policy = policy;
        this.clock = clock;
    }

    public CreatedUpload create(TenantPrincipal caller, NewUpload request, String correlationId) {
        String uploadId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(policy.uploadUrlTtl());
        BlobRef source = policy.layout().inbox(caller.tenantId(), uploadId, request.fileName());
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, correlationId)) {
            if (request.contentType().startsWith("video/")) {
                slots.requireQuotaLeft(caller.tenantId());
            }
            // Sign first: if signing fails nothing was written; a record without its URL would only expire.
            // The blob carries the upload's trace too, so storage logs of its PUT can be joined to it.
            Map<String, String> metadata = new LinkedHashMap<>(Map.of("correlationid", correlationId));
            TraceContext.current().ifPresent(trace -> metadata.put(TraceContext.TRACEPARENT, trace.traceparent()));
            UploadTarget target = store.issueUploadTarget(source, request.contentType(), metadata, expiresAt);
            Upload created = uploads.create(Upload.awaitingUpload(uploadId, caller.tenantId(), request.fileName(),
                    request.contentType(), request.sizeBytes(), source, correlationId, now, expiresAt)
                    .withTranscodeOptions(request.transcode()).withTenantMetadata(request.tenantMetadata()));
            LOG.info("upload created: {} bytes of {}", request.sizeBytes(), request.contentType());
            return new CreatedUpload(created, target);
        }
    }

    /**
     * An upload whose file the service fetches from {@code request.sourceUrl()}: the URL passes the outbound guard
     * now (a refusal is a 400 and nothing is written), the record is written, then the first slice of the fetch is
     * queued. Nothing is fetched inside the request. Should the process die between the two writes, the record
     * waits in {@code AwaitingUpload} until the expiry job ends it.
     */
    public Upload importFrom(TenantPrincipal caller, NewUpload request, String correlationId) {
        String uploadId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, correlationId)) {
            String url = importer.accept(request.sourceUrl().orElseThrow());
            if (request.contentType().startsWith("video/")) {
                slots.requireQuotaLeft(caller.tenantId());
            }
            SourceImport source = SourceImport.of(url, request.declaredBytes(), now.plus(importer.timeLimit()));
            Upload created = uploads.create(Upload.importing(uploadId, caller.tenantId(), request.fileName(),
                    request.contentType(), source, policy.layout().inbox(caller.tenantId(), uploadId,
                            request.fileName()), correlationId, now, importer.expiryOf(source))
                    .withTranscodeOptions(request.transcode()).withTenantMetadata(request.tenantMetadata()));
            importer.enqueue(caller.tenantId(), uploadId, now);
            LOG.info("import created from {}", source.displayUrl());
            return created;
        }
    }

    public Upload get(TenantPrincipal caller, String uploadId) {
        return uploads.find(caller.tenantId(), uploadId)
                .orElseThrow(() -> ProblemException.notFound("No upload " + uploadId + "."));
    }

    public Page<Upload> list(TenantPrincipal caller, UploadFilter filter, int limit,
                             Optional<String> continuationToken) {
        try {
            return uploads.list(caller.tenantId(), filter, limit, continuationToken);
        } catch (InvalidContinuationTokenException e) {
            throw ProblemException.badRequest("invalid_continuation_token",
                    "continuationToken is not one this service issued.");
        }
    }

    /**
     * Applies a patch of the tenant's fields. {@code ifMatch} (an ETag the caller read, or {@code *}) is checked
     * against the stored revision inside the conditional write, so of two edits made from the same read one lands
     * and the other is refused. Events raised after it carry the new values.
     */
    public Upload edit(TenantPrincipal caller, String uploadId, JsonNode patch, Optional<String> ifMatch) {
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, "-")) {
            Upload edited = uploads.update(caller.tenantId(), uploadId, current -> {
                if (current.status() == UploadStatus.Deleted) {
                    throw new ProblemException(409, "upload_deleted", "Upload " + uploadId + " was deleted.");
                }
                TenantMetadata fields = current.tenantMetadata();
                if (ifMatch.filter(tag -> !tag.equals("*") && !tag.equals(fields.etag())).isPresent()) {
                    throw new ProblemException(412, "precondition_failed", "The upload was edited since it was"
                            + " read (its ETag is now " + fields.etag() + "); read it again and retry.");
                }
                return current.withTenantMetadata(fields.patched(patch));
            }).orElseThrow(() -> ProblemException.notFound("No upload " + uploadId + "."));
            LOG.info("upload metadata edited, revision {}", edited.tenantMetadata().revision());
            return edited;
        }
    }

    /** The caller's queued videos' places in line for an encoding slot (1 = next), by upload id. */
    public Map<String, Integer> queuePositions(TenantPrincipal caller) {
        return slots.positions(caller.tenantId());
    }

    /**
     * Cancels work in flight, marks the upload {@code Deleted}, gives up its encoding slot or place in line (a
     * queued video's minutes go back to today's quota) and removes its blobs from the inbox and the library.
     * Safe to repeat: a second call finds it deleted and only sweeps blobs again. Work still running (a promotion,
     * an encode) sees the record {@code Deleted} when it ends and removes what it wrote itself.
     */
    public void delete(TenantPrincipal caller, String uploadId) {
        Upload upload = get(caller, uploadId);
        try (LogContext ignored = LogContext.of(caller.tenantId(), uploadId, upload.correlationId())) {
            if (upload.status() == UploadStatus.Processing || upload.status() == UploadStatus.Queued) {
                transcodes.cancel(uploadId, "Deleted by " + caller.subject());
            }
            uploads.update(caller.tenantId(), uploadId, current ->
                    current.status() == UploadStatus.Deleted ? current : current.delete(clock.instant()));
            // After the record: a crash in between leaves a place the queue's head or the watchdog frees. Only a
            // video ever holds one, so other files cost no ledger read.
            if (upload.isVideo()) {
                slots.release(caller.tenantId(), uploadId).forEach(transcodes::wake);
            }
            int removed = policy.layout().deleteUpload(store, caller.tenantId(), uploadId);
            LOG.info("upload deleted, {} blobs removed", removed);
        }
    }
}
