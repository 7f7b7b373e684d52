package com.contoso.media.transcoding;

import com.contoso.media.storage.BlobRef;

/** Input of the TranscodeVideo orchestration: paths, never bytes (Durable payloads are capped at 4 MB). */
public record TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId) {
}
