package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.contoso.media.app.AzureClients;
import com.contoso.media.auth.DevTokenIssuer;
import com.contoso.media.auth.DevTokenIssuer.Kind;
import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The security controls, tried through the HTTP API as a hostile client or a careless operator would: a local
 * runtime configured like Azure for tenancy (no onboarding at first sign-in; the operator's directory bootstraps
 * the registry), every refusal with its code, and nothing written by a refused request.
 */
class SecurityE2ETest {

    private static final String OPERATOR_DIRECTORY = "ops-" + UUID.randomUUID().toString().substring(0, 8);
    private static DevHost host;
    private static ApiClient api;
    private static DevTokenIssuer tokens;
    private static String admin;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String tenant = "contoso-" + suffix;
    private final String directory = "dir-" + suffix;

    @BeforeAll
    static void start() throws IOException {
        host = DevHost.start(new Settings(Map.of(
                "DEVHOST_PORT", "0",
                "DEVHOST_DATA_DIR", Files.createTempDirectory("devhost-security").toString(),
                "AUTH_DEV_AUTO_ONBOARD", "false",
                "AUTH_OPERATOR_DIRECTORY", OPERATOR_DIRECTORY,
                // A registry of its own each run: the operator directory is new each run, and "operator" is its tenant id.
                "TENANTS_TABLE", "sectenants" + OPERATOR_DIRECTORY.substring(4),
                "LOCAL_BUS_PREFIX", "security",
                "DEVHOST_RECONCILE_ON_START", "false",
                // URLs handed out live 3 s, so that a playback outlives them within the test.
                "DOWNLOAD_URL_TTL_MINUTES", "0.05",
                "WEBHOOK_MANUAL_SENDS_PER_MINUTE", "3",
                "WEBHOOK_MAX_ENDPOINTS", "5")));
        api = new ApiClient(host.baseUrl());
        tokens = host.tokens();
        admin = tokens.mint(OPERATOR_DIRECTORY, Duration.ofMinutes(30), Kind.ADMIN);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void onlyOnboardedDirectoriesGetInAsTheRegistrysTenantAndASuspendedOneIsRefused() {
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        assertProblem(api.get(user, "/api/uploads"), 401, "tenant_not_onboarded");

        HttpResponse<String> onboarded = onboard(tenant, directory);
        assertThat(onboarded.statusCode()).isEqualTo(201);
        assertThat(onboard(tenant, directory).statusCode()).as("idempotent").isEqualTo(200);
        assertProblem(onboard(tenant, "dir-other-" + suffix), 409, "tenant_exists");
        assertProblem(onboard("other-" + suffix, directory), 409, "directory_already_onboarded");

        JsonNode created = ApiClient.json(api.createUpload(user, "a.png", "image/png", 10));
        assertThat(URI.create(created.get("uploadUrl").asText()).getPath()).contains("/" + tenant + "/");

        assertThat(api.call("PATCH", admin, "/api/manage/tenants/" + tenant, "{\"status\":\"Suspended\"}")
                .statusCode()).isEqualTo(200);
        assertProblem(api.get(user, "/api/uploads"), 403, "tenant_suspended");
        assertThat(api.call("PATCH", admin, "/api/manage/tenants/" + tenant, "{\"status\":\"Active\"}")
                .statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get(user, "/api/uploads")).get("items")).hasSize(1);

        JsonNode listed = ApiClient.json(api.get(admin, "/api/manage/tenants"));
        assertThat(listed.get("items").findValuesAsText("tenantId")).contains(tenant, "operator");
    }

    @Test
    void eachRouteNeedsItsPermissionAndSaysWhichOneWhenItIsMissing() {
        onboarded();
        String reader = tokens.mint(directory, Duration.ofMinutes(10), Kind.READER);
        String app = tokens.mint(directory, Duration.ofMinutes(10), Kind.APP);
        String user = tokens.mint(directory, Duration.ofMinutes(10));

        HttpResponse<String> refused = api.createUpload(reader, "a.png", "image/png", 10);
        assertProblem(refused, 403, "insufficient_scope");
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .contains("Bearer error=\"insufficient_scope\", scope=\"media.write\"");
        assertThat(ApiClient.json(api.get(reader, "/api/uploads")).get("items")).isEmpty();
        assertThat(api.get(reader, "/api/reports/usage").statusCode()).isEqualTo(200);
        assertProblem(api.call("POST", reader, "/api/webhooks", "{\"url\":\"https://hooks.example.com/h\"}"), 403,
                "insufficient_scope");

        assertThat(api.createUpload(app, "by-app.png", "image/png", 10).statusCode()).as("app roles").isEqualTo(201);
        assertProblem(api.get(user, "/api/manage/tenants"), 403, "insufficient_scope");
        assertProblem(api.call("POST", user, "/api/admin/jobs/ExpireAbandonedUploads", "{}"), 403,
                "insufficient_scope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[fe80::1%25eth0]/h|webhook_url_refused",
            "https://168.63.129.16/h|webhook_url_refused", "https://[64:ff9b:1::a00:1]/h|webhook_url_refused",
            "https://100.64.0.1/h|webhook_url_refused", "https://[ff02::1]/h|webhook_url_refused",
            "https://example.com:8080/h|webhook_port_refused", "https://52.1.2.3:22/h|webhook_port_refused"})
    void webhookUrlsThatReachSpecialAddressesOrOtherPortsAreRefusedAtRegistration(String row) {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        String[] parts = row.split("\\|");

        assertProblem(api.call("POST", user, "/api/webhooks", Json.write(Map.of("url", parts[0], "events", List.of("*")))), 400, parts[1]);
        assertThat(ApiClient.json(api.get(user, "/api/webhooks")).get("items")).isEmpty();
    }

    @Test
    void theEndpointLimitHoldsUnderTwentyConcurrentCreates() throws Exception {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        String body = Json.write(Map.of("url", "http://127.0.0.1:9/h", "events", List.of("*")));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            creates.add(pool.submit(() -> api.call("POST", user, "/api/webhooks", body).statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> create : creates) {
            statuses.add(create.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(5);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(15);
        assertThat(ApiClient.json(api.get(user, "/api/webhooks")).get("items")).hasSize(5);
    }

    @Test
    void aSigningSecretIsShownOnceAndStoredOnlySealed() {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        JsonNode endpoint = endpointWithNobodyListening(user);
        String secret = endpoint.get("secret").asText();
        String id = endpoint.get("id").asText();
        JsonNode rotated = ApiClient.json(api.call("POST", user, "/api/webhooks/" + id + "/rotate-secret", "{}"));

        assertThat(secret).startsWith("whsec_");
        assertThat(ApiClient.json(api.get(user, "/api/webhooks/" + id)).has("secret")).isFalse();
        TableClient webhooks = AzureClients.table(new Settings(Map.of("AzureWebJobsStorage",
                AzureClients.AZURITE_LOCALHOST)), AppSetting.WEBHOOKS_TABLE);
        String stored = webhooks.listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq '" + tenant + "'"),
                null, null).stream().map(row -> row.getProperties().toString()).reduce("", String::concat);
        assertThat(stored).contains(id).contains("env1.").doesNotContain(secret)
                .doesNotContain(rotated.get("secret").asText()).doesNotContain(secret.substring("whsec_".length()));
    }

    @Test
    void testSendsAreRateLimitedPerTenant() {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        JsonNode endpoint = endpointWithNobodyListening(user);
        String test = "/api/webhooks/" + endpoint.get("id").asText() + "/test";

        for (int i = 0; i < 3; i++) {
            assertThat(api.call("POST", user, test, "{}").statusCode()).isEqualTo(202);
        }
        HttpResponse<String> limited = api.call("POST", user, test, "{}");

        assertProblem(limited, 429, "rate_limited");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 61));
    }

    @Test
    void theDeliveryLogRecordsACategoryNotTheReceiversOrTheNetworksWords() {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        JsonNode endpoint = endpointWithNobodyListening(user);
        String deliveries = "/api/webhooks/" + endpoint.get("id").asText() + "/deliveries";
        api.call("POST", user, "/api/webhooks/" + endpoint.get("id").asText() + "/test", "{}");

        JsonNode attempt = null;
        for (int i = 0; i < 100 && attempt == null; i++) {
            attempt = ApiClient.json(api.get(user, deliveries)).at("/items/0/attempts/0");
            attempt = attempt.isMissingNode() ? null : attempt;
            ApiClient.sleep(attempt == null ? 100 : 0);
        }

        assertThat(attempt).as("an attempt was recorded").isNotNull();
        assertThat(attempt.get("error").asText()).isEqualTo("connection_refused");
        assertThat(attempt.has("statusCode")).isFalse();
        assertThat(attempt.has("responseExcerpt")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cod\u202Eexe.doc", "zero\u200Bwidth.png", "next\u0085line.png", "trailing.png.",
            "trailing.png ", "bom\uFEFF.png", "isolate\u2066.png"})
    void fileNamesThatHideWhatTheyAreAreRefused(String name) {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));

        assertProblem(api.createUpload(user, name, "image/png", 10), 400, "invalid_file_name");
        assertThat(ApiClient.json(api.get(user, "/api/uploads")).get("items")).isEmpty();
    }

    @Test
    void fileNamesAreStoredInNfc() {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));

        HttpResponse<String> created = api.createUpload(user, "cafe\u0301.png", "image/png", 10);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> status = api.get(user, "/api/uploads/" + ApiClient.json(created).get("uploadId").asText());
        assertThat(ApiClient.json(status).path("fileName").asText()).as(status.body()).isEqualTo("caf\u00e9.png");
    }

    @Test
    void aPlayerFetchesTheLastSegmentAfterTheBaseLifetimeButAUrlMovedToAnotherUploadIsRefused() {
        onboarded();
        String user = tokens.mint(directory, Duration.ofMinutes(10));
        String played = uploadVideo(user, "played.mp4");
        String other = uploadVideo(user, "other.mp4");
        JsonNode upload = ApiClient.json(api.get(user, "/api/uploads/" + played));
        String masterUrl = ApiClient.output(upload, "hls").get("url").asText();

        String master = new String(api.download(masterUrl).body(), StandardCharsets.UTF_8);
        String variantUrl = URI.create(masterUrl).resolve(firstUri(master)).toString();
        String variant = new String(api.download(variantUrl).body(), StandardCharsets.UTF_8);
        String lastSegment = lastUri(variant);
        ApiClient.sleep(4_000);

        assertThat(api.download(masterUrl).statusCode()).as("the handed-out URL is past its 3 s").isEqualTo(403);
        assertThat(api.download(lastSegment).statusCode()).isEqualTo(200);
        String moved = lastSegment.replace(played, other);
        assertThat(moved).isNotEqualTo(lastSegment);
        assertThat(api.download(moved).statusCode()).isEqualTo(403);
    }

    private String uploadVideo(String token, String name) {
        byte[] video = TestMedia.mp4(8, "320x240");
        JsonNode created = ApiClient.json(api.createUpload(token, name, "video/mp4", video.length));
        api.putBlob(created, video);
        JsonNode done = api.awaitTerminal(token, created.get("statusUrl").asText(), Duration.ofMinutes(3));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        return done.get("uploadId").asText();
    }

    private static String firstUri(String playlist) {
        return playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst().orElseThrow();
    }

    private static String lastUri(String playlist) {
        return playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void devTokensAreMintedOnlyForALoopbackHostHeader() throws IOException {
        int port = URI.create(host.baseUrl()).getPort();

        assertThat(rawPost(port, "attacker.example:" + port)).startsWith("HTTP/1.1 403");
        assertThat(rawPost(port, "localhost:" + port)).startsWith("HTTP/1.1 200");
    }

    @Test
    void theLocalRuntimeRefusesToStartOnAnAzureInstance() throws IOException {
        String dataDir = Files.createTempDirectory("devhost-azure").toString();

        assertThatThrownBy(() -> DevHost.start(new Settings(Map.of("DEVHOST_PORT", "0", "DEVHOST_DATA_DIR", dataDir,
                "WEBSITE_INSTANCE_ID", "instance-1"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AUTH_PUBLIC_JWKS").hasMessageContaining("AUTH_DEV_AUTO_ONBOARD");
    }

    /** Port 9 (discard) has nobody listening here: every attempt is refused at connect. */
    private static JsonNode endpointWithNobodyListening(String user) {
        return ApiClient.json(api.call("POST", user, "/api/webhooks",
                Json.write(Map.of("url", "http://127.0.0.1:9/h", "events", List.of("*")))));
    }

    /** Onboards (through the admin API) a directory that the test then signs in from. */
    private void onboarded() {
        HttpResponse<String> response = onboard(tenant, directory);
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    private static HttpResponse<String> onboard(String tenantId, String directoryId) {
        return api.call("POST", admin, "/api/manage/tenants", Json.write(Map.of("tenantId", tenantId,
                "directoryId", directoryId, "displayName", "Contoso " + tenantId)));
    }

    /** java.net.http will not send a Host header of our choosing; a socket will. */
    private static String rawPost(int port, String hostHeader) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String body = "{\"tenantId\":\"tenant-a\"}";
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/dev/token HTTP/1.1\r\nHost: " + hostHeader + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = ApiClient.json(response);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception");
    }
}
