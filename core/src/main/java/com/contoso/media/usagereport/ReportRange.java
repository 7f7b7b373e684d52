package com.contoso.media.usagereport;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The {@code from} and {@code to} days of a report request (UTC): without {@code to} the range ends today, without
 * {@code from} it covers 30 days; a malformed date, a reversed range or one over the limit is a 400. Also whether
 * the caller asked for CSV. Shared by every report.
 */
public record ReportRange(LocalDate from, LocalDate to) {

    private static final int DEFAULT_RANGE_DAYS = 30;

    public static ReportRange of(ApiRequest request, int maxRangeDays, Clock clock) {
        LocalDate to = date(request, "to").orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate from = date(request, "from").orElseGet(() -> to.minusDays(DEFAULT_RANGE_DAYS - 1));
        if (from.isAfter(to)) {
            throw ProblemException.badRequest("invalid_range", "from (" + from + ") is after to (" + to + ").");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > maxRangeDays) {
            throw ProblemException.badRequest("range_too_long", "The range covers " + days
                    + " days; at most " + maxRangeDays + " are allowed per request.");
        }
        return new ReportRange(from, to);
    }

    public static boolean wantsCsv(ApiRequest request) {
        return request.header("Accept").map(accept -> accept.contains("text/csv")).orElse(false);
    }

    private static Optional<LocalDate> date(ApiRequest request, String name) {
        return request.queryParam(name).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("invalid_date", name + " must be a date as YYYY-MM-DD, not '"
                        + value + "'.");
            }
        });
    }
}
