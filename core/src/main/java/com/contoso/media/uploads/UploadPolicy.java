package com.contoso.media.uploads;

import com.contoso.media.blobs.BlobLayout;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.transcoding.TranscodeLimits;
import java.time.Duration;
import java.util.List;

/** Limits and lifetimes for uploads, from app settings (defaults in the README's configuration table). */
public record UploadPolicy(List<String> allowedContentTypes, long maxBytes, Duration uploadUrlTtl,
                           Duration downloadUrlTtl, int retryAfterSeconds, String uploadsContainer,
                           String mediaContainer, TranscodeLimits transcodeLimits, Duration intakeClaimLease) {

    /** Where uploads' blobs live in the two containers. */
    public BlobLayout layout() {
        return new BlobLayout(uploadsContainer, mediaContainer);
    }

    public static UploadPolicy from(Settings settings) {
        return new UploadPolicy(
                settings.getList(AppSetting.UPLOAD_ALLOWED_CONTENT_TYPES),
                settings.getLong(AppSetting.UPLOAD_MAX_BYTES),
                Duration.ofMinutes(settings.getLong(AppSetting.UPLOAD_URL_TTL_MINUTES)),
                settings.getMinutes(AppSetting.DOWNLOAD_URL_TTL_MINUTES),
                (int) settings.getLong(AppSetting.STATUS_RETRY_AFTER_SECONDS),
                settings.get(AppSetting.UPLOADS_CONTAINER),
                settings.get(AppSetting.MEDIA_CONTAINER),
                TranscodeLimits.from(settings),
                Duration.ofSeconds(settings.getLong(AppSetting.INTAKE_CLAIM_LEASE_SECONDS)));
    }
}
