package com.contoso.media.usagereport;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.time.Duration;

/**
 * {@code maxRangeDays}: the longest range one report request may ask for. {@code idempotencyTtl}: how long an
 * applied event id is remembered; it must outlast every way the same event can come back (Service Bus message
 * time-to-live, 14 days, and the re-drive of dead letters, which skips events older than half of it).
 */
public record ReportSettings(int maxRangeDays, Duration idempotencyTtl) {

    public static ReportSettings from(Settings settings) {
        return new ReportSettings((int) settings.getLong(AppSetting.REPORT_MAX_RANGE_DAYS),
                Duration.ofDays(settings.getLong(AppSetting.REPORT_IDEMPOTENCY_TTL_DAYS)));
    }
}
