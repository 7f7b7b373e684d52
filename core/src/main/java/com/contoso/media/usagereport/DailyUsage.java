package com.contoso.media.usagereport;

import java.time.LocalDate;

/** One tenant's usage on one UTC day. */
public record DailyUsage(LocalDate day, UsageCounters counters) {
}
