package com.contoso.media.webhooks;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.PortList;
import java.time.Duration;
import java.util.Set;

/**
 * The webhook settings: where attempts go, how often they are retried, when a failing endpoint is switched
 * off, and whether loopback receivers are allowed (the local runtime only).
 */
public record WebhookSettings(RetrySchedule retries, Duration disableAfter, Duration timeout, Duration deliveryTtl,
                              boolean allowLoopback, Set<Integer> allowedPorts, int maxEndpointsPerTenant,
                              int manualSendsPerMinute, String subscription) {

    /** Rotated-out secrets keep signing for this long, so receivers can switch without losing a message. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    /** The guard that every webhook URL passes, at registration and at each delivery. */
    public OutboundUrlGuard urlGuard(OutboundUrlGuard.HostResolver resolver) {
        return new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, allowLoopback, allowedPorts, resolver);
    }

    public static WebhookSettings from(Settings settings) {
        return new WebhookSettings(RetrySchedule.parse(settings.get(AppSetting.WEBHOOK_RETRY_SCHEDULE)),
                RetrySchedule.duration(settings.get(AppSetting.WEBHOOK_DISABLE_AFTER)),
                Duration.ofSeconds(settings.getLong(AppSetting.WEBHOOK_TIMEOUT_SECONDS)),
                Duration.ofDays(settings.getLong(AppSetting.WEBHOOK_DELIVERY_TTL_DAYS)),
                Boolean.parseBoolean(settings.get(AppSetting.WEBHOOK_ALLOW_LOOPBACK)),
                PortList.parse(AppSetting.WEBHOOK_ALLOWED_PORTS, settings.get(AppSetting.WEBHOOK_ALLOWED_PORTS)),
                (int) settings.getLong(AppSetting.WEBHOOK_MAX_ENDPOINTS),
                (int) settings.getLong(AppSetting.WEBHOOK_MANUAL_SENDS_PER_MINUTE),
                settings.get(AppSetting.WEBHOOKS_SUBSCRIPTION));
    }
}
