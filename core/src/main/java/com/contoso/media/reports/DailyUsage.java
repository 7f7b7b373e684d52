package com.contoso.media.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** One tenant's usage on one UTC day; {@code asOf} is the time of the newest event folded in. */
public record DailyUsage(LocalDate day, UsageCounters counters, Optional<Instant> asOf) {
}
