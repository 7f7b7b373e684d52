package com.contoso.media.imports;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.PortList;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How imports from a URL fetch: their limits, their pace, and the guard on their sources (docs/api.md, "Import
 * from a URL").
 */
public record ImportSettings(Duration timeLimit, long minBytesPerSecond, Duration stallWindow, Duration slice,
                             int blockBytes, int retries, Duration firstRetry, Set<Integer> allowedPorts,
                             boolean allowLoopback, Optional<String> trustedCertFile) {

    public ImportSettings {
        if (blockBytes < 64 * 1024 || blockBytes > 100 * 1024 * 1024) {
            throw new IllegalStateException("IMPORT_BLOCK_BYTES must be between 64 KiB and 100 MiB, not " + blockBytes);
        }
    }

    public OutboundUrlGuard urlGuard(OutboundUrlGuard.HostResolver resolver) {
        return new OutboundUrlGuard(OutboundUrlGuard.Purpose.SOURCE, allowLoopback, allowedPorts, resolver);
    }

    /**
     * How long a slice's lease lasts after its latest block: one block at the slowest allowed pace, and the stall
     * window. A delivery that finds the lease held looks again when it ends, so a crashed slice's work resumes then.
     */
    public Duration lease() {
        return Duration.ofSeconds(blockBytes / Math.max(1, minBytesPerSecond) + 1).plus(slice)
                .plus(stallWindow);
    }

    /** The wait before try {@code failures + 1}: the first retry's wait, doubled per failure. */
    public Duration backoff(int failures) {
        return firstRetry.multipliedBy(1L << Math.min(failures, 16));
    }

    public static ImportSettings from(Settings settings) {
        return new ImportSettings(Duration.ofMinutes(settings.getLong(AppSetting.IMPORT_TIME_LIMIT_MINUTES)),
                settings.getLong(AppSetting.IMPORT_MIN_BYTES_PER_SECOND),
                Duration.ofSeconds(settings.getLong(AppSetting.IMPORT_STALL_SECONDS)),
                Duration.ofSeconds(settings.getLong(AppSetting.IMPORT_SLICE_SECONDS)),
                (int) settings.getLong(AppSetting.IMPORT_BLOCK_BYTES),
                (int) settings.getLong(AppSetting.IMPORT_RETRIES),
                Duration.ofSeconds(settings.getLong(AppSetting.IMPORT_RETRY_FIRST_SECONDS)),
                PortList.parse(AppSetting.IMPORT_ALLOWED_PORTS, settings.get(AppSetting.IMPORT_ALLOWED_PORTS)),
                Boolean.parseBoolean(settings.get(AppSetting.IMPORT_ALLOW_LOOPBACK)),
                settings.find(AppSetting.IMPORT_TRUSTED_CERT_FILE));
    }
}
