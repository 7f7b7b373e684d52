package com.contoso.media.jobs;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.time.Duration;

/**
 * Limits of the scheduled jobs (their schedules are the timer triggers' %SETTING%s; see the README).
 * {@code duplicateDetection} is the topic's duplicate-detection window: a re-driven message keeps its id, so it
 * is re-sent only once the window has passed, or the topic would silently drop it.
 */
public record JobSettings(int batchSize, Duration uploadExpiryGrace, Duration watchdogMinimumAge, int reconcileDays,
                          int reconcileTenantsPerRun, int redriveMaxAttempts, Duration duplicateDetection,
                          Duration redriveMaxAge, Duration inboxSweepMargin) {

    public static JobSettings from(Settings settings) {
        return new JobSettings(
                (int) settings.getLong(AppSetting.JOB_BATCH_SIZE),
                Duration.ofMinutes(settings.getLong(AppSetting.UPLOAD_EXPIRY_GRACE_MINUTES)),
                Duration.ofMinutes(settings.getLong(AppSetting.WATCHDOG_MIN_AGE_MINUTES)),
                (int) settings.getLong(AppSetting.RECONCILE_DAYS),
                (int) settings.getLong(AppSetting.RECONCILE_TENANTS_PER_RUN),
                (int) settings.getLong(AppSetting.REDRIVE_MAX_ATTEMPTS),
                Duration.ofMinutes(settings.getLong(AppSetting.DUPLICATE_DETECTION_MINUTES)),
                Duration.ofDays(settings.getLong(AppSetting.REDRIVE_MAX_AGE_DAYS)),
                Duration.ofMinutes(settings.getLong(AppSetting.INBOX_SWEEP_MARGIN_MINUTES)));
    }

    /**
     * Re-applying an event is exactly-once only while its idempotency record lives, so reconciliation and
     * re-drive must never reach further back than that.
     */
    public void requireWithin(Duration idempotencyTtl) {
        if (Duration.ofDays(reconcileDays + 1L).compareTo(idempotencyTtl) >= 0
                || redriveMaxAge.compareTo(idempotencyTtl) >= 0) {
            throw new IllegalStateException("RECONCILE_DAYS (" + reconcileDays + ") and REDRIVE_MAX_AGE_DAYS ("
                    + redriveMaxAge.toDays() + ") must stay below REPORT_IDEMPOTENCY_TTL_DAYS ("
                    + idempotencyTtl.toDays() + ")");
        }
    }
}
