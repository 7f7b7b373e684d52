package com.contoso.media.uploads;

import java.time.Instant;

/** One entry of an upload's audit trail: which state, when, and under which correlation id. */
public record StateChange(UploadStatus status, Instant at, String correlationId) {
}
