package com.contoso.media.events;

import com.contoso.media.tracing.TraceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One upload state change as the rest of the system sees it. {@code sequence} increases strictly per upload;
 * {@code id} is derived from tenant, upload and sequence, so the same change always has the same id (the
 * Service Bus message id, the aggregators' idempotency key, and what reconciliation looks for).
 */
public record UploadEvent(String id, EventType type, String tenantId, String uploadId, String correlationId,
                          long sequence, Instant time, UploadEventData data, Optional<TraceContext> trace) {

    public UploadEvent {
        // Outbox entries stored before traces existed read it as absent.
        trace = trace == null ? Optional.empty() : trace;
    }

    /** An event raised outside any trace. */
    public UploadEvent(String id, EventType type, String tenantId, String uploadId, String correlationId,
                       long sequence, Instant time, UploadEventData data) {
        this(id, type, tenantId, uploadId, correlationId, sequence, time, data, Optional.empty());
    }

    public static String idOf(String tenantId, String uploadId, long sequence) {
        return UUID.nameUUIDFromBytes((tenantId + "/" + uploadId + "/" + sequence).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
