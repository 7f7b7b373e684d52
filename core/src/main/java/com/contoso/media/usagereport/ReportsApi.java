package com.contoso.media.usagereport;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.auth.TenantPrincipal;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.Problems;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/reports/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: the caller's tenant only (the tenant comes from
 * the token, never from the request). Without {@code to} the range ends today (UTC); without {@code from} it
 * covers 30 days. {@code Accept: text/csv} gets the same rows as CSV. The JSON also shows {@code transcoding}: today's
 * video minutes admitted for encoding against the daily quota, and the videos encoding and waiting now.
 */
public final class ReportsApi {

    private final JwtAuthenticator authenticator;
    private final ReportStore store;
    private final TranscodeSlots slots;
    private final ReportSettings settings;
    private final Clock clock;

    public ReportsApi(JwtAuthenticator authenticator, ReportStore store, TranscodeSlots slots, ReportSettings settings,
                      Clock clock) {
        this.authenticator = authenticator;
        this.store = store;
        this.slots = slots;
        this.settings = settings;
        this.clock = clock;
    }

    public ApiResponse usage(ApiRequest request) {
        return Problems.handle(() -> {
            TenantPrincipal caller = authenticator.authenticate(request, Permission.READ);
            ReportRange range = ReportRange.of(request, settings.maxRangeDays(), clock);
            UsageReport report = UsageReport.of(caller.tenantId(), range.from(), range.to(),
                    store.read(caller.tenantId(), range.from(), range.to()), store.newestFolded(caller.tenantId()));
            if (ReportRange.wantsCsv(request)) {
                return ApiResponse.csv(report.toCsv());
            }
            Map<String, Object> body = view(report);
            body.put("transcoding", transcoding(slots.use(caller.tenantId())));
            return ApiResponse.json(200, body);
        });
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

    private static Map<String, Object> transcoding(TranscodeSlots.Use use) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("day", use.day().toString());
        values.put("minutesUsed", Math.round(use.secondsUsed() / 60.0 * 10) / 10.0);
        values.put("dailyQuotaMinutes", use.dailyMinutes());
        values.put("active", use.active());
        values.put("queued", use.queued());
        values.put("maxActive", use.maxActive());
        return values;
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
