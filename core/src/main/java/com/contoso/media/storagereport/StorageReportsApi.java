package com.contoso.media.storagereport;

import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.auth.Permission;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.Problems;
import com.contoso.media.usagereport.ReportRange;
import com.contoso.media.usagereport.ReportSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/reports/storage?from&to} (per UTC day, JSON or CSV) and {@code GET /api/reports/storage/current}
 * (the live footprint): the caller's tenant only.
 */
public final class StorageReportsApi {

    private final JwtAuthenticator authenticator;
    private final StorageReportStore store;
    private final ReportSettings settings;
    private final Clock clock;

    public StorageReportsApi(JwtAuthenticator authenticator, StorageReportStore store, ReportSettings settings,
                             Clock clock) {
        this.authenticator = authenticator;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public ApiResponse storage(ApiRequest request) {
        return Problems.handle(() -> {
            String tenant = authenticator.authenticate(request, Permission.READ).tenantId();
            ReportRange range = ReportRange.of(request, settings.maxRangeDays(), clock);
            StorageReport report = StorageReport.of(tenant, range.from(), range.to(),
                    store.daysThrough(tenant, range.to()), store.newestApplied(tenant));
            if (ReportRange.wantsCsv(request)) {
                return ApiResponse.csv(report.toCsv());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenantId", tenant);
            body.put("from", report.from().toString());
            body.put("to", report.to().toString());
            report.asOf().ifPresent(asOf -> body.put("asOf", asOf));
            body.put("days", report.days().stream().map(StorageReportsApi::view).toList());
            body.put("totals", view(report.totals()));
            return ApiResponse.json(200, body);
        });
    }

    public ApiResponse current(ApiRequest request) {
        return Problems.handle(() -> {
            String tenant = authenticator.authenticate(request, Permission.READ).tenantId();
            StorageReport.Row now = StorageReport.current(store.daysThrough(tenant,
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tenantId", tenant);
            store.newestApplied(tenant).ifPresent(asOf -> body.put("asOf", asOf));
            body.put("bytes", bytes(now));
            body.put("uploadsByStatus", now.uploadsByStatus());
            return ApiResponse.json(200, body);
        });
    }

    private static Map<String, Object> view(StorageReport.Row row) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (!row.day().equals("total")) {
            view.put("day", row.day());
        }
        view.put("bytes", bytes(row));
        Map<String, Object> byteDays = new LinkedHashMap<>();
        for (StoredKind kind : StoredKind.values()) {
            byteDays.put(kind.key(), row.byteDays(kind));
        }
        byteDays.put("total", row.totalByteDays());
        view.put("byteDays", byteDays);
        view.put("gbDays", row.gbDays());
        view.put("uploadsByStatus", row.uploadsByStatus());
        return view;
    }

    private static Map<String, Object> bytes(StorageReport.Row row) {
        Map<String, Object> bytes = new LinkedHashMap<>();
        for (StoredKind kind : StoredKind.values()) {
            bytes.put(kind.key(), row.bytes().get(kind));
        }
        bytes.put("total", row.totalBytes());
        return bytes;
    }
}
