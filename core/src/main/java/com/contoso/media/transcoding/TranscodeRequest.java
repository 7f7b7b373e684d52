package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.tracing.TraceContext;

/**
 * Input of the TranscodeVideo orchestration: paths, never bytes (Durable payloads are capped at 4 MB).
 * {@code options} is what the client asked for at create, or null for the defaults; {@code trace} is the span
 * that started the transcode (intake's), under which every activity's span goes, or null outside a trace (the
 * Durable data converter knows no Optional). {@code clip} is set when the upload is a clip of another's video:
 * then nothing is encoded from {@code source}; the parent's HLS is cut instead.
 */
public record TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId,
                               TranscodeOptions options, TraceContext trace, ClipSpec clip) {

    public TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId,
                            TranscodeOptions options, TraceContext trace) {
        this(uploadId, tenantId, source, correlationId, options, trace, null);
    }

    public TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId,
                            TranscodeOptions options) {
        this(uploadId, tenantId, source, correlationId, options, null);
    }

    public TranscodeRequest(String uploadId, String tenantId, BlobRef source, String correlationId) {
        this(uploadId, tenantId, source, correlationId, null, null);
    }
}
