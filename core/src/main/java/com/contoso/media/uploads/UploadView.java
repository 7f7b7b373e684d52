package com.contoso.media.uploads;

import com.contoso.media.transcoding.ClipSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET /api/uploads/{id}} answers; {@code media} is what the probe found in an accepted video; output
 * URLs are read SAS URLs signed for this response. {@code preview} is a growing HLS playlist while a video is
 * still being transcoded, once its first part can play. {@code queuePosition} is a {@code Queued} video's place in
 * its tenant's line for an encoding slot (1 = next). {@code title}, {@code tags}, {@code metadata} and
 * {@code externalId} are the tenant's own ({@link TenantMetadata}); the response's {@code ETag} is their revision.
 * {@code sourceUrl} is where an import fetches from (without its query); while it fetches, {@code progress} counts
 * its bytes. {@code clipOf} names the video a clip was cut from, and where. {@code poster} is a read URL of a
 * transcoded video's poster still, in lists too.
 */
public record UploadView(
        String uploadId,
        UploadStatus status,
        Optional<String> stage,
        Optional<Integer> queuePosition,
        Progress progress,
        String fileName,
        String contentType,
        long sizeBytes,
        Optional<String> sourceUrl,
        Optional<ClipSpec> clipOf,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> title,
        List<String> tags,
        Map<String, String> metadata,
        Optional<String> externalId,
        Optional<MediaInfo> media,
        Optional<UploadError> error,
        Optional<String> preview,
        Optional<String> poster,
        List<Output> outputs) {

    public record Progress(int percent, Optional<Integer> renditionsDone, Optional<Integer> renditionsTotal,
                           Optional<Integer> chunksDone, Optional<Integer> chunksTotal,
                           Optional<Integer> etaSeconds, Optional<Long> bytesReceived,
                           Optional<Long> bytesTotal) {

        public static Progress percent(int percent) {
            return new Progress(percent, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    public record Output(String kind, String label, String contentType, long sizeBytes, double durationSeconds,
                         String url, Instant expiresAt) {
    }
}
