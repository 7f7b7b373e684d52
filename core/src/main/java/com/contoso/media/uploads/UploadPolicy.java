package com.contoso.media.uploads;

import com.contoso.media.config.Settings;
import com.contoso.media.storage.BlobLayout;
import java.time.Duration;
import java.util.List;

/** Limits and lifetimes for uploads, from app settings (defaults in the README's configuration table). */
public record UploadPolicy(List<String> allowedContentTypes, long maxBytes, Duration uploadUrlTtl,
                           Duration downloadUrlTtl, int retryAfterSeconds, String uploadsContainer,
                           String mediaContainer) {

    public static final List<String> DEFAULT_CONTENT_TYPES = List.of(
            "video/mp4", "video/quicktime", "video/webm", "image/jpeg", "image/png", "application/pdf");

    /** Where uploads' blobs live in the two containers. */
    public BlobLayout layout() {
        return new BlobLayout(uploadsContainer, mediaContainer);
    }

    public static UploadPolicy from(Settings settings) {
        return new UploadPolicy(
                settings.getList("UPLOAD_ALLOWED_CONTENT_TYPES", DEFAULT_CONTENT_TYPES),
                settings.getLong("UPLOAD_MAX_BYTES", 2L * 1024 * 1024 * 1024),
                Duration.ofMinutes(settings.getLong("UPLOAD_URL_TTL_MINUTES", 15)),
                Duration.ofMinutes(settings.getLong("DOWNLOAD_URL_TTL_MINUTES", 10)),
                (int) settings.getLong("STATUS_RETRY_AFTER_SECONDS", 2),
                settings.get("UPLOADS_CONTAINER", "uploads"),
                settings.get("MEDIA_CONTAINER", "media"));
    }
}
