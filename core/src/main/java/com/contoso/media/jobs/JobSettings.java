package com.contoso.media.jobs;

import com.contoso.media.config.Settings;
import java.time.Duration;

/** Limits of the scheduled jobs (their schedules are the timer triggers' %SETTING%s; see the README). */
public record JobSettings(int batchSize, Duration uploadExpiryGrace, Duration watchdogMinimumAge) {

    public static JobSettings from(Settings settings) {
        return new JobSettings(
                (int) settings.getLong("JOB_BATCH_SIZE", 200),
                Duration.ofMinutes(settings.getLong("UPLOAD_EXPIRY_GRACE_MINUTES", 15)),
                Duration.ofMinutes(settings.getLong("WATCHDOG_MIN_AGE_MINUTES", 10)));
    }
}
