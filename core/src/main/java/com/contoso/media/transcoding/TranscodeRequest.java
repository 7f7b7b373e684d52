package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;

/**
 * Input of the TranscodeVideo orchestration: paths, never bytes (Durable payloads are capped at 4 MB).
 * {@code options} is what the client asked for at create, or null for the defaults (the Durable data converter
 * knows no Optional).
 */
public record TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId,
                               TranscodeOptions options) {

    public TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId) {
        this(uploadId, tenantId, source, correlationId, null);
    }
}
