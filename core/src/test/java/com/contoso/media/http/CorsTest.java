package com.contoso.media.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.config.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {

    private final Cors local = Cors.from(new Settings(Map.of()));

    @Test
    void byDefaultAnyLocalhostPortIsAllowedAndNothingElse() {
        assertThat(local.preflight(from("http://localhost:5173")).headers())
                .containsEntry("Access-Control-Allow-Origin", "http://localhost:5173")
                .containsKey("Access-Control-Allow-Headers").containsKey("Access-Control-Allow-Methods");
        assertThat(local.preflight(from("http://127.0.0.1:7071")).headers())
                .containsEntry("Access-Control-Allow-Origin", "http://127.0.0.1:7071");
        for (String foreign : List.of("https://evil.example", "http://localhost.evil.example:80", "http://localhost")) {
            assertThat(local.preflight(from(foreign)).headers()).as(foreign)
                    .doesNotContainKey("Access-Control-Allow-Origin");
        }
    }

    @Test
    void responsesToAnAllowedOriginExposeThePollingHeaders() {
        ApiResponse decorated = local.decorate(from("http://localhost:5173"), ApiResponse.noContent());

        assertThat(decorated.headers().get("Access-Control-Expose-Headers")).contains("Location", "Retry-After");
        assertThat(decorated.headers()).containsEntry("Vary", "Origin");
        assertThat(local.decorate(from("https://evil.example"), ApiResponse.noContent()).headers()).isEmpty();
    }

    @Test
    void configuredOriginsAreExact() {
        Cors configured = Cors.from(new Settings(Map.of("CORS_ALLOWED_ORIGINS", "https://app.contoso.com")));

        assertThat(configured.preflight(from("https://app.contoso.com")).headers())
                .containsEntry("Access-Control-Allow-Origin", "https://app.contoso.com");
        assertThat(configured.preflight(from("https://app.contoso.com.evil.example")).headers())
                .doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(configured.preflight(from("http://localhost:5173")).headers())
                .doesNotContainKey("Access-Control-Allow-Origin");
    }

    private static ApiRequest from(String origin) {
        return new ApiRequest("OPTIONS", "http://127.0.0.1:7071", Map.of("Origin", origin), Map.of(), "");
    }
}
