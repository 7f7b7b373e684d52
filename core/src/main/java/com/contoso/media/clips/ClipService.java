package com.contoso.media.clips;

import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.http.ProblemException;
import com.contoso.media.logging.LogContext;
import com.contoso.media.tracing.TraceContext;
import com.contoso.media.transcoding.ClipSpec;
import com.contoso.media.transcoding.TranscodeControl;
import com.contoso.media.transcoding.TranscodeRequest;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a clip of a tenant's transcoded video: a new upload with its own id, status, events and usage, whose HLS is
 * cut from the parent's by the transcoding orchestration (instant: copies of the parent's segments under new
 * playlists; accurate: the first and last re-encoded). The segments are copied, not shared, so deleting the
 * parent leaves the clip whole. The record is written first, {@code Processing}; should the orchestration not
 * start, the watchdog ends it {@code Failed}.
 */
public final class ClipService {

    private static final Logger LOG = LoggerFactory.getLogger(ClipService.class);

    private final UploadRepository uploads;
    private final TranscodeControl transcodes;
    private final BlobLayout layout;
    private final Clock clock;

    public ClipService(UploadRepository uploads, TranscodeControl transcodes, BlobLayout layout, Clock clock) {
        this.uploads = uploads;
        this.transcodes = transcodes;
        this.layout = layout;
        this.clock = clock;
    }

    public Upload create(TenantPrincipal caller, String parentId, NewClip request, String correlationId) {
        Upload parent = uploads.find(caller.tenantId(), parentId)
                .filter(upload -> upload.status() != UploadStatus.Deleted)
                .orElseThrow(() -> ProblemException.notFound("No upload " + parentId + "."));
        if (parent.status() != UploadStatus.Succeeded || !parent.isVideo() || parent.media().isEmpty()) {
            throw new ProblemException(409, "clip_source_not_ready", "Upload " + parentId + " is not a transcoded"
                    + " video (it is " + parent.status() + "); clips are cut from Succeeded videos.");
        }
        if (request.frameAccurate() && parent.clipOf().isPresent()) {
            // An accurate cut re-encodes from the original, and a clip has none: its parent's may be gone.
            throw new ProblemException(409, "clip_needs_original", "Upload " + parentId + " is itself a clip, so"
                    + " it has no original to re-encode from; cut it in instant mode, or cut the video it came from.");
        }
        request.checkWithin(parent.media().get().durationSeconds());
        String clipId = UUID.randomUUID().toString();
        try (LogContext ignored = LogContext.of(caller.tenantId(), clipId, correlationId)) {
            ClipSpec spec = new ClipSpec(parentId, request.start(), request.end(), request.frameAccurate());
            Upload clip = uploads.create(Upload.clipping(clipId, parent, spec, fileName(parent, request),
                    layout.library(caller.tenantId(), clipId, "hls/master.m3u8"), correlationId, clock.instant())
                    .withTenantMetadata(request.tenantMetadata()));
            transcodes.start(new TranscodeRequest(clipId, caller.tenantId(), clip.source(), correlationId,
                    parent.transcodeOptions().orElse(null), TraceContext.current().orElse(null), spec));
            LOG.info("clip of {} from {} s to {} s ({})", parentId, request.start(), request.end(),
                    request.frameAccurate() ? "accurate" : "instant");
            return clip;
        }
    }

    /** {@code talk.mp4} clipped from 12.5 to 30 s is {@code talk-clip-12.5-30.mp4}. */
    private static String fileName(Upload parent, NewClip request) {
        String stem = parent.fileStem();
        String extension = parent.fileName().substring(stem.length());
        String clipped = stem + "-clip-" + number(request.start()) + "-" + number(request.end()) + extension;
        return clipped.length() <= 255 ? clipped : "clip-" + number(request.start()) + "-" + number(request.end())
                + extension;
    }

    private static String number(double seconds) {
        String text = String.format(Locale.ROOT, "%.3f", seconds);
        return text.replaceAll("\\.?0+$", "");
    }
}
