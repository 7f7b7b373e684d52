package com.contoso.media.usagereport;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The usage counters of one tenant and day. All whole numbers (durations in milliseconds), so adding deltas in
 * any order gives exactly the same totals.
 */
public record UsageCounters(long uploads, long uploadedBytes, long videosTranscoded, long transcodedMillis,
                            long outputBytes, long rejected, long failed) {

    public static final UsageCounters ZERO = new UsageCounters(0, 0, 0, 0, 0, 0, 0);

    public UsageCounters plus(UsageCounters other) {
        return new UsageCounters(uploads + other.uploads, uploadedBytes + other.uploadedBytes,
                videosTranscoded + other.videosTranscoded, transcodedMillis + other.transcodedMillis,
                outputBytes + other.outputBytes, rejected + other.rejected, failed + other.failed);
    }

    public UsageCounters minus(UsageCounters other) {
        return plus(new UsageCounters(-other.uploads, -other.uploadedBytes, -other.videosTranscoded,
                -other.transcodedMillis, -other.outputBytes, -other.rejected, -other.failed));
    }

    @JsonIgnore
    public boolean isZero() {
        return equals(ZERO);
    }

    public double transcodedSeconds() {
        return transcodedMillis / 1000.0;
    }
}
