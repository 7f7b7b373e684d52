package com.contoso.media.webhooks;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.time.Duration;

/**
 * The webhook settings: where attempts go, how often they are retried, when a failing endpoint is switched
 * off, and whether loopback receivers are allowed (the local runtime only).
 */
public record WebhookSettings(RetrySchedule retries, Duration disableAfter, Duration timeout, Duration deliveryTtl,
                              boolean allowLoopback, int maxEndpointsPerTenant, String subscription) {

    /** Rotated-out secrets keep signing for this long, so receivers can switch without losing a message. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public static WebhookSettings from(Settings settings) {
        return new WebhookSettings(RetrySchedule.parse(settings.get(AppSetting.WEBHOOK_RETRY_SCHEDULE)),
                RetrySchedule.duration(settings.get(AppSetting.WEBHOOK_DISABLE_AFTER)),
                Duration.ofSeconds(settings.getLong(AppSetting.WEBHOOK_TIMEOUT_SECONDS)),
                Duration.ofDays(settings.getLong(AppSetting.WEBHOOK_DELIVERY_TTL_DAYS)),
                Boolean.parseBoolean(settings.get(AppSetting.WEBHOOK_ALLOW_LOOPBACK)),
                (int) settings.getLong(AppSetting.WEBHOOK_MAX_ENDPOINTS),
                settings.get(AppSetting.WEBHOOKS_SUBSCRIPTION));
    }
}
