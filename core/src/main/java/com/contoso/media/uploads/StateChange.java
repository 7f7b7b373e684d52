package com.contoso.media.uploads;

import com.contoso.media.tracing.TraceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of an upload's audit trail: which state, when, under which correlation id, and in which span of the
 * upload's trace (so the events it raises continue that trace).
 */
public record StateChange(UploadStatus status, Instant at, String correlationId, Optional<TraceContext> trace) {

    public StateChange {
        // Entries stored before traces existed read it as absent.
        trace = trace == null ? Optional.empty() : trace;
    }

    /** An entry made now, inside whatever span the calling thread is in. */
    static StateChange inCurrentSpan(UploadStatus status, Instant at, String correlationId) {
        return new StateChange(status, at, correlationId, TraceContext.current());
    }
}
