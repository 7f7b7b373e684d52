package com.contoso.media.reports;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/reports/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's tenant only (the tenant comes from
 * the token, never from the request). Without {@code to} the range ends today (UTC); without {@code from} it
 * covers 30 days. {@code Accept: text/csv} gets the same rows as CSV.
 */
public final class ReportsApi {

    private static final int DEFAULT_RANGE_DAYS = 30;

    private final JwtAuthenticator authenticator;
    private final ReportStore store;
    private final ReportSettings settings;
    private final Clock clock;

    public ReportsApi(JwtAuthenticator authenticator, ReportStore store, ReportSettings settings, Clock clock) {
        this.authenticator = authenticator;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public ApiResponse usage(ApiRequest request) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request);
            LocalDate to = date(request, "to").orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            LocalDate from = date(request, "from").orElseGet(() -> to.minusDays(DEFAULT_RANGE_DAYS - 1));
            if (from.isAfter(to)) {
                throw ProblemException.badRequest("invalid_range", "from (" + from + ") is after to (" + to + ").");
            }
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            if (days > settings.maxRangeDays()) {
                throw ProblemException.badRequest("range_too_long", "The range covers " + days
                        + " days; at most " + settings.maxRangeDays() + " are allowed per request.");
            }
            UsageReport report = UsageReport.of(caller.tenantId(), from, to,
                    store.read(caller.tenantId(), from, to), store.newestFolded(caller.tenantId()));
            if (wantsCsv(request)) {
                return new ApiResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8"), report.toCsv());
            }
            return ApiResponse.json(200, view(report));
        });
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

    private static boolean wantsCsv(ApiRequest request) {
        return request.header("Accept").map(accept -> accept.contains("text/csv")).orElse(false);
    }

    private static Map<String, Object> view(UsageReport report) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", report.tenantId());
        body.put("from", report.from().toString());
        body.put("to", report.to().toString());
        body.put("asOf", report.asOf());
        List<Map<String, Object>> rows = report.days().stream().map(day -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", day.day().toString());
            row.putAll(counters(day.counters()));
            return row;
        }).toList();
        body.put("days", rows);
        body.put("totals", counters(report.totals()));
        return body;
    }

    private static Map<String, Object> counters(UsageCounters c) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("uploads", c.uploads());
        values.put("uploadedBytes", c.uploadedBytes());
        values.put("videosTranscoded", c.videosTranscoded());
        values.put("transcodedSeconds", c.transcodedSeconds());
        values.put("outputBytes", c.outputBytes());
        values.put("rejected", c.rejected());
        values.put("failed", c.failed());
        return values;
    }
}
