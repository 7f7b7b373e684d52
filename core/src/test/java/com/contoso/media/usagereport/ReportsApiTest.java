package com.contoso.media.usagereport;

import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.fairuse.TranscodeSlots;
import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.FairUseLimits;
import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportsApiTest {

    private final DevTokenIssuer tokens = DevTokenIssuer.generate();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private final InMemoryReportStore store = new InMemoryReportStore(Duration.ofDays(30), clock);
    private final ReportsApi api = new ReportsApi(new JwtAuthenticator(tokens.trustingSettings(), InMemoryTenantRegistryStore.onboardingOnFirstSignIn()), store,
            new TranscodeSlots(new InMemoryTenantLedgerStore(), new InMemoryUploadRepository(), new FairUseLimits(3, 0),
                    clock), new ReportSettings(31, Duration.ofDays(30)), clock);

    ReportsApiTest() {
        store.applyOnce(new UsageFold("tenant-a", LocalDate.parse("2026-11-21"), "e1",
                new UsageCounters(2, 300, 1, 61_500, 900, 1, 0), Instant.parse("2026-11-21T09:00:00Z")));
        store.applyOnce(new UsageFold("tenant-a", LocalDate.parse("2026-11-23"), "e2",
                new UsageCounters(1, 50, 0, 0, 0, 0, 1), Instant.parse("2026-11-23T11:00:00Z")));
        store.applyOnce(new UsageFold("tenant-b", LocalDate.parse("2026-11-22"), "e3",
                new UsageCounters(7, 7, 7, 7, 7, 7, 7), Instant.parse("2026-11-22T11:00:00Z")));
    }

    @Test
    void answersEveryDayOfTheRangeWithTotalsAndAsOfForTheCallersTenantOnly() {
        ApiResponse response = api.usage(get("tenant-a", Map.of("from", "2026-11-21", "to", "2026-11-23"), false));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = Json.read(response.body(), JsonNode.class);
        assertThat(body.get("tenantId").asText()).isEqualTo("tenant-a");
        assertThat(body.get("days")).hasSize(3);
        assertThat(body.get("days").get(0).get("day").asText()).isEqualTo("2026-11-21");
        assertThat(body.get("days").get(0).get("transcodedSeconds").asDouble()).isEqualTo(61.5);
        assertThat(body.get("days").get(1).get("uploads").asLong()).isZero(); // tenant-b's day is not visible
        assertThat(body.get("totals").get("uploads").asLong()).isEqualTo(3);
        assertThat(body.get("totals").get("uploadedBytes").asLong()).isEqualTo(350);
        assertThat(body.get("totals").get("failed").asLong()).isEqualTo(1);
        assertThat(body.get("asOf").asText()).isEqualTo("2026-11-23T11:00:00Z");
    }

    @Test
    void csvHasTheSameRowsAsJson() {
        ApiResponse csv = api.usage(get("tenant-a", Map.of("from", "2026-11-21", "to", "2026-11-22"), true));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).isEqualTo("""
                day,uploads,uploadedBytes,videosTranscoded,transcodedSeconds,outputBytes,rejected,failed
                2026-11-21,2,300,1,61.5,900,1,0
                2026-11-22,0,0,0,0.0,0,0,0
                """);
    }

    @Test
    void withoutDatesTheLastThirtyDaysUpToTodayAreReturned() {
        JsonNode body = Json.read(api.usage(get("tenant-a", Map.of(), false)).body(), JsonNode.class);

        assertThat(body.get("from").asText()).isEqualTo("2026-10-25");
        assertThat(body.get("to").asText()).isEqualTo("2026-11-23");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "not a date,            2026-13-01, 2026-12-01, invalid_date",
        "slash format,          2026/11/01, 2026-11-02, invalid_date",
        "from after to,         2026-11-23, 2026-11-01, invalid_range",
        "over the maximum,      2026-01-01, 2026-11-23, range_too_long"})
    void badRangesAre400ProblemsAndChangeNothing(String name, String from, String to, String code) {
        ApiResponse response = api.usage(get("tenant-a", Map.of("from", from, "to", to), false));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(Json.read(response.body(), JsonNode.class).get("code").asText()).isEqualTo(code);
        assertThat(store.read("tenant-a", LocalDate.MIN, LocalDate.MAX)).hasSize(2);
    }

    @Test
    void withoutATokenItIs401() {
        assertThat(api.usage(new ApiRequest("GET", "https://api.test", Map.of(), Map.of(), "")).status())
                .isEqualTo(401);
    }

    private ApiRequest get(String tenant, Map<String, String> query, boolean csv) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization",
                "Bearer " + tokens.mint(tenant, Duration.ofMinutes(5))));
        if (csv) {
            headers.put("Accept", "text/csv");
        }
        return new ApiRequest("GET", "https://api.test", headers, query, "");
    }
}
