package com.contoso.media.usagereport;

import java.time.Instant;
import java.time.LocalDate;

/** One event's contribution to a tenant's day, keyed by the event id that makes applying it idempotent. */
public record UsageFold(String tenantId, LocalDate day, String eventId, UsageCounters delta, Instant eventTime) {
}
