package com.contoso.media.uploads;

import com.contoso.media.tracing.TraceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of an upload's audit trail: which state, when, under which correlation id, and in which span of the
 * upload's trace (so the events it raises continue that trace). An entry that changed the upload's caption tracks
 * ({@code Succeeded} to {@code Succeeded}) carries {@code captionBytes}, the tracks' bytes from then on: what the
 * storage report counts for captions depends on when they were added, so the bytes belong to the entry, not to the
 * record.
 */
public record StateChange(UploadStatus status, Instant at, String correlationId, Optional<TraceContext> trace,
                          Optional<Long> captionBytes) {

    public StateChange {
        // Entries stored before traces or captions existed read them as absent.
        trace = trace == null ? Optional.empty() : trace;
        captionBytes = captionBytes == null ? Optional.empty() : captionBytes;
    }

    /** An entry made now, inside whatever span the calling thread is in. */
    static StateChange inCurrentSpan(UploadStatus status, Instant at, String correlationId) {
        return new StateChange(status, at, correlationId, TraceContext.current(), Optional.empty());
    }

    /** The entry of a change to a succeeded video's caption tracks, after which they take {@code bytes}. */
    static StateChange captionsChanged(Instant at, String correlationId, long bytes) {
        return new StateChange(UploadStatus.Succeeded, at, correlationId, TraceContext.current(), Optional.of(bytes));
    }

    /** Whether this entry changed the caption tracks rather than the status. */
    public boolean changedCaptions() {
        return captionBytes.isPresent();
    }
}
