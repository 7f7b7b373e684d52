package com.contoso.media.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.auth.JwtAuthenticator;
import com.contoso.media.config.AppSetting;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.json.Json;
import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The webhooks HTTP contract over the real services: every bad input is a 400 problem and stores nothing. */
class WebhooksApiTest {

    private final DevTokenIssuer tokens = DevTokenIssuer.generate();
    private final WebhookHarness harness = new WebhookHarness(Map.of(AppSetting.WEBHOOK_MAX_ENDPOINTS, "2"));
    private final WebhooksApi api = new WebhooksApi(new JwtAuthenticator(tokens.trustingSettings(), InMemoryTenantRegistryStore.onboardingOnFirstSignIn()), harness.registry);

    private ApiRequest request(String method, String tenant, String body, Map<String, String> query) {
        return new ApiRequest(method, "https://api.test", Map.of("Authorization", "Bearer "
                + tokens.mint(tenant, Duration.ofMinutes(5))), query, body);
    }

    private ApiRequest post(String body) {
        return request("POST", "tenant-a", body, Map.of());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                              | invalid_body",
        "[]                                                                    | invalid_body",
        "{\"events\":[\"*\"]}                                                   | invalid_url",
        "{\"url\":42,\"events\":[\"*\"]}                                        | invalid_url",
        "{\"url\":\"https://hooks.example.com/h\"}                              | invalid_events",
        "{\"url\":\"https://hooks.example.com/h\",\"events\":\"*\"}             | invalid_events",
        "{\"url\":\"https://hooks.example.com/h\",\"events\":[]}                | invalid_events",
        "{\"url\":\"https://hooks.example.com/h\",\"events\":[\"media.x.*\"]}   | invalid_events",
        "{\"url\":\"https://hooks.example.com/h\",\"events\":[1]}               | invalid_events",
        "{\"url\":\"ftp://hooks.example.com/h\",\"events\":[\"*\"]}             | invalid_webhook_url",
        "{\"url\":\"http://hooks.example.com/h\",\"events\":[\"*\"]}            | https_required",
        "{\"url\":\"https://10.1.2.3/h\",\"events\":[\"*\"]}                    | webhook_url_refused",
        "{\"url\":\"https://[::ffff:169.254.169.254]/\",\"events\":[\"*\"]}     | webhook_url_refused",
        "{\"url\":\"https://0x0a000001/\",\"events\":[\"*\"]}                   | webhook_url_refused"})
    void badCreatesAre400ProblemsAndStoreNothing(String body, String code) {
        ApiResponse response = api.create(post(body.trim()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = Json.read(response.body(), JsonNode.class);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(harness.store.endpoints("tenant-a")).isEmpty();
    }

    @Test
    void createShowsTheSecretOnceAndReadsNeverDo() {
        ApiResponse created = api.create(post("{\"url\":\"https://hooks.example.com/h\",\"events\":[\"media.upload.*\"]}"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode endpoint = Json.read(created.body(), JsonNode.class);
        String id = endpoint.path("id").asText();
        assertThat(created.headers()).containsEntry("Location", "https://api.test/api/webhooks/" + id);
        assertThat(endpoint.path("secret").asText()).startsWith("whsec_");
        assertThat(api.get(request("GET", "tenant-a", "", Map.of()), id).body()).doesNotContain("whsec_");
        assertThat(api.list(request("GET", "tenant-a", "", Map.of())).body()).doesNotContain("whsec_");
        assertThat(api.get(request("GET", "tenant-b", "", Map.of()), id).status()).isEqualTo(404);
    }

    @Test
    void aTenantHasAtMostTheConfiguredNumberOfEndpoints() {
        String body = "{\"url\":\"https://hooks.example.com/h\",\"events\":[\"*\"]}";
        api.create(post(body));
        api.create(post(body));

        ApiResponse third = api.create(post(body));

        assertThat(third.status()).isEqualTo(409);
        assertThat(Json.read(third.body(), JsonNode.class).path("code").asText()).isEqualTo("too_many_endpoints");
        assertThat(harness.store.endpoints("tenant-a")).hasSize(2);
    }

    @Test
    void theLimitHoldsUnderConcurrentCreatesAndADeleteGivesAPlaceBack() throws Exception {
        String body = "{\"url\":\"https://hooks.example.com/h\",\"events\":[\"*\"]}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        java.util.List<java.util.concurrent.Future<ApiResponse>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            creates.add(pool.submit(() -> api.create(post(body))));
        }
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<ApiResponse> create : creates) {
            statuses.add(create.get().status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(18);
        assertThat(harness.store.endpoints("tenant-a")).hasSize(2);

        api.delete(new ApiRequest("DELETE", "https://api.test", Map.of("Authorization", "Bearer "
                + tokens.mint("tenant-a", Duration.ofMinutes(5))), Map.of(), ""),
                harness.store.endpoints("tenant-a").get(0).id());
        assertThat(api.create(post(body)).status()).isEqualTo(201);
    }

    @Test
    void badChangesAre400AndLeaveTheEndpointAsItWas() {
        String id = Json.read(api.create(post("{\"url\":\"https://hooks.example.com/h\",\"events\":[\"*\"]}")).body(),
                JsonNode.class).path("id").asText();

        for (String body : new String[] {"{\"enabled\":\"yes\"}", "{\"url\":\"https://192.168.0.1/\"}",
                "{\"events\":[\"nope\"]}", "{\"description\":\"" + "x".repeat(257) + "\"}"}) {
            ApiResponse response = api.update(request("PATCH", "tenant-a", body, Map.of()), id);
            assertThat(response.status()).as(body).isEqualTo(400);
        }
        WebhookEndpoint unchanged = harness.store.findEndpoint("tenant-a", id).orElseThrow();
        assertThat(unchanged.url()).isEqualTo("https://hooks.example.com/h");
        assertThat(unchanged.events()).containsExactly("*");
        assertThat(unchanged.enabled()).isTrue();
    }

    @Test
    void deliveriesPagingRefusesBadLimitsAndForeignTokens() {
        String id = Json.read(api.create(post("{\"url\":\"https://hooks.example.com/h\",\"events\":[\"*\"]}")).body(),
                JsonNode.class).path("id").asText();

        ApiResponse badLimit = api.deliveries(request("GET", "tenant-a", "", Map.of("limit", "0")), id);
        ApiResponse badToken = api.deliveries(request("GET", "tenant-a", "", Map.of("continuationToken", "xyz")), id);

        assertThat(Json.read(badLimit.body(), JsonNode.class).path("code").asText()).isEqualTo("invalid_limit");
        assertThat(Json.read(badToken.body(), JsonNode.class).path("code").asText())
                .isEqualTo("invalid_continuation_token");
    }

    @Test
    void aPendingDeliveryCannotBeRedeliveredYet() {
        String id = Json.read(api.create(post("{\"url\":\"https://hooks.example.com/h\",\"events\":[\"*\"]}")).body(),
                JsonNode.class).path("id").asText();
        String deliveryId = Json.read(api.test(request("POST", "tenant-a", "", Map.of()), id).body(), JsonNode.class)
                .path("id").asText();

        ApiResponse early = api.redeliver(request("POST", "tenant-a", "", Map.of()), id, deliveryId);
        ApiResponse foreign = api.redeliver(request("POST", "tenant-b", "", Map.of()), id, deliveryId);

        assertThat(Json.read(early.body(), JsonNode.class).path("code").asText()).isEqualTo("delivery_pending");
        assertThat(foreign.status()).isEqualTo(404);
    }
}
