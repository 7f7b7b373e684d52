package com.contoso.media.usagereport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A tenant's usage over a range of days: one row per day (zeros where nothing happened), totals, and {@code asOf},
 * the time of the newest event folded into the tenant's reports: everything up to about then is counted.
 */
public record UsageReport(String tenantId, LocalDate from, LocalDate to, List<DailyUsage> days,
                          UsageCounters totals, Optional<Instant> asOf) {

    static final String CSV_HEADER =
            "day,uploads,uploadedBytes,videosTranscoded,transcodedSeconds,outputBytes,rejected,failed";

    public static UsageReport of(String tenantId, LocalDate from, LocalDate to, List<DailyUsage> stored,
                                 Optional<Instant> asOf) {
        Map<LocalDate, DailyUsage> byDay = stored.stream()
                .collect(Collectors.toMap(DailyUsage::day, Function.identity()));
        List<DailyUsage> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(byDay.getOrDefault(day, new DailyUsage(day, UsageCounters.ZERO)));
        }
        UsageCounters totals = days.stream().map(DailyUsage::counters).reduce(UsageCounters.ZERO, UsageCounters::plus);
        return new UsageReport(tenantId, from, to, days, totals, asOf);
    }

    public String toCsv() {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (DailyUsage day : days) {
            UsageCounters c = day.counters();
            csv.append(day.day()).append(',').append(c.uploads()).append(',').append(c.uploadedBytes()).append(',')
                    .append(c.videosTranscoded()).append(',').append(c.transcodedSeconds()).append(',')
                    .append(c.outputBytes()).append(',').append(c.rejected()).append(',').append(c.failed())
                    .append('\n');
        }
        return csv.toString();
    }
}
