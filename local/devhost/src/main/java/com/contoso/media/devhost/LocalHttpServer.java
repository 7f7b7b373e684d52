package com.contoso.media.devhost;

import com.contoso.media.app.Backend;
import com.contoso.media.auth.DevTokenEndpoint;
import com.contoso.media.captions.CaptionsApi;
import com.contoso.media.auth.Permission;
import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ApiResponse;
import com.contoso.media.http.Cors;
import com.contoso.media.http.OpenApiDocument;
import com.contoso.media.http.ProblemException;
import com.contoso.media.http.Problems;
import com.contoso.media.tenants.TenantsApi;
import com.contoso.media.uploads.UploadsApi;
import com.contoso.media.webhooks.WebhooksApi;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the same routes as the Function App ({@code /api/...}) with the JDK's HTTP server, with the same CORS
 * rules the Functions platform applies in Azure, plus two local-only ones: the dev sign-in and the web app at
 * {@code /}.
 */
final class LocalHttpServer implements AutoCloseable {

    private static final String UPLOADS = "/api/uploads";
    private static final String CLIPS = "/clips";
    private static final String CAPTIONS = "/captions";
    private static final String PLAYBACK = "/api/playback/";
    private static final String WEBHOOKS = "/api/webhooks";
    private static final String ADMIN_JOBS = "/api/admin/jobs/";
    private static final String ADMIN_TENANTS = "/api/manage/tenants";
    /** Local runtime only: the web app's dev sign-in. The Function App has no such route. */
    private static final String DEV_TOKEN = "/api/dev/token";

    static {
        // The JDK server writes headers and body separately; with Nagle on, each small response waits ~40 ms
        // for the client's delayed ACK. Must be set before the server's configuration class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Backend backend;
    private final UploadsApi uploads;
    private final WebhooksApi webhooks;
    private final LocalJobScheduler jobs;
    private final DevTokenEndpoint devTokens;
    private final Cors cors;

    LocalHttpServer(Backend backend, UploadsApi uploads, WebhooksApi webhooks, LocalJobScheduler jobs,
                    DevTokenEndpoint devTokens, Cors cors, WebApp webApp, String bindAddress, int port)
            throws IOException {
        this.backend = backend;
        this.uploads = uploads;
        this.webhooks = webhooks;
        this.jobs = jobs;
        this.devTokens = devTokens;
        this.cors = cors;
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, port), 128);
        server.createContext("/api/", this::handle);
        server.createContext("/", webApp::serve);
        server.setExecutor(executor);
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiRequest request = toApiRequest(exchange);
            ApiResponse response = request.method().equals("OPTIONS") ? cors.preflight(request)
                    : cors.decorate(request, route(exchange.getRequestURI().getPath(), request));
            write(exchange, response);
        }
    }

    private ApiResponse route(String path, ApiRequest request) {
        String method = request.method();
        if (path.equals("/api/health") && method.equals("GET")) {
            return backend.health().check();
        }
        if (path.equals("/api/openapi.json") && method.equals("GET")) {
            return OpenApiDocument.response();
        }
        if (path.equals(DEV_TOKEN) && method.equals("POST")) {
            return devTokens.mint(request);
        }
        if (path.equals(UPLOADS) || path.equals(UPLOADS + "/")) {
            return switch (method) {
                case "POST" -> uploads.create(request);
                case "GET" -> uploads.list(request);
                default -> methodNotAllowed(method, path);
            };
        }
        if (path.startsWith(UPLOADS + "/") && path.indexOf('/', UPLOADS.length() + 1) < 0) {
            String id = path.substring(UPLOADS.length() + 1);
            return switch (method) {
                case "GET" -> uploads.get(request, id);
                case "PATCH" -> uploads.edit(request, id);
                case "DELETE" -> uploads.delete(request, id);
                default -> methodNotAllowed(method, path);
            };
        }
        if (path.startsWith(UPLOADS + "/") && path.contains(CAPTIONS)) {
            return captionRoute(path, request);
        }
        if (path.startsWith(UPLOADS + "/") && path.endsWith(CLIPS) && method.equals("POST")) {
            String id = path.substring(UPLOADS.length() + 1, path.length() - CLIPS.length());
            if (!id.contains("/")) {
                return uploads.clip(request, id);
            }
        }
        if (path.equals(WEBHOOKS) || path.startsWith(WEBHOOKS + "/")) {
            return webhookRoute(path.substring(WEBHOOKS.length()), request, path);
        }
        if (path.equals("/api/reports/usage") && method.equals("GET")) {
            return backend.reportsApi().usage(request);
        }
        if (path.equals("/api/reports/storage") && method.equals("GET")) {
            return backend.storageReportsApi().storage(request);
        }
        if (path.equals("/api/reports/storage/current") && method.equals("GET")) {
            return backend.storageReportsApi().current(request);
        }
        if (path.equals(ADMIN_TENANTS) || path.startsWith(ADMIN_TENANTS + "/")) {
            return tenantRoute(path.substring(ADMIN_TENANTS.length()), request, path);
        }
        if (path.startsWith(ADMIN_JOBS) && method.equals("POST")) {
            return runJob(request, path.substring(ADMIN_JOBS.length()));
        }
        if (path.startsWith(PLAYBACK) && method.equals("GET")) {
            String[] parts = path.substring(PLAYBACK.length()).split("/", 3);
            if (parts.length == 3) {
                return backend.playback().playlist(request, parts[0], parts[1], parts[2]);
            }
        }
        return Problems.of(ProblemException.notFound("No route for " + method + " " + path + "."));
    }

    /** {@code /api/uploads/{id}/captions} and {@code /api/uploads/{id}/captions/{trackId}}. */
    private ApiResponse captionRoute(String path, ApiRequest request) {
        String method = request.method();
        String[] parts = path.substring(UPLOADS.length() + 1).split("/", -1);
        CaptionsApi captions = backend.captionsApi();
        if (parts.length == 2 && parts[1].equals("captions")) {
            return switch (method) {
                case "POST" -> captions.add(request, parts[0]);
                case "GET" -> captions.list(request, parts[0]);
                default -> methodNotAllowed(method, path);
            };
        }
        if (parts.length == 3 && parts[1].equals("captions") && method.equals("DELETE")) {
            return captions.delete(request, parts[0], parts[2]);
        }
        return Problems.of(ProblemException.notFound("No route for " + method + " " + path + "."));
    }

    /** {@code /api/webhooks}, {@code /{id}}, {@code /{id}/rotate-secret|test|deliveries}, {@code .../redeliver}. */
    private ApiResponse webhookRoute(String rest, ApiRequest request, String path) {
        String method = request.method();
        String[] parts = rest.isEmpty() || rest.equals("/") ? new String[0] : rest.substring(1).split("/", -1);
        String shape = switch (parts.length) {
            case 0 -> "";
            case 1 -> "{id}";
            case 2 -> "{id}/" + parts[1];
            case 4 -> "{id}/" + parts[1] + "/{deliveryId}/" + parts[3];
            default -> "?";
        };
        return switch (method + " " + shape) {
            case "POST " -> webhooks.create(request);
            case "GET " -> webhooks.list(request);
            case "GET {id}" -> webhooks.get(request, parts[0]);
            case "PATCH {id}" -> webhooks.update(request, parts[0]);
            case "DELETE {id}" -> webhooks.delete(request, parts[0]);
            case "POST {id}/rotate-secret" -> webhooks.rotateSecret(request, parts[0]);
            case "POST {id}/test" -> webhooks.test(request, parts[0]);
            case "GET {id}/deliveries" -> webhooks.deliveries(request, parts[0]);
            case "POST {id}/deliveries/{deliveryId}/redeliver" -> webhooks.redeliver(request, parts[0], parts[2]);
            default -> Problems.of(ProblemException.notFound("No route for " + method + " " + path + "."));
        };
    }

    /** {@code /api/manage/tenants} and {@code /{tenantId}}: the operator's tenant registry (not under {@code admin/},
     * which the Functions host reserves for itself). */
    private ApiResponse tenantRoute(String rest, ApiRequest request, String path) {
        TenantsApi tenants = backend.tenantsApi();
        String method = request.method();
        if (rest.isEmpty() || rest.equals("/")) {
            return switch (method) {
                case "POST" -> tenants.onboard(request);
                case "GET" -> tenants.list(request);
                default -> methodNotAllowed(method, path);
            };
        }
        String id = rest.substring(1);
        if (id.contains("/")) {
            return Problems.of(ProblemException.notFound("No route for " + method + " " + path + "."));
        }
        return switch (method) {
            case "GET" -> tenants.get(request, id);
            case "PATCH" -> tenants.update(request, id);
            default -> methodNotAllowed(method, path);
        };
    }

    /** Runs a scheduled job now: tokens with the admin app role only (scripts/dev-token.sh ops 60 admin). */
    private ApiResponse runJob(ApiRequest request, String name) {
        return Problems.handle(() -> {
            backend.authenticator().authenticate(request, Permission.ADMIN);
            return ApiResponse.json(200, jobs.runNow(name)
                    .orElseThrow(() -> ProblemException.notFound("No job named " + name + ".")));
        });
    }

    private static ApiResponse methodNotAllowed(String method, String path) {
        return Problems.of(new ProblemException(405, "method_not_allowed", method + " is not supported on " + path + "."));
    }

    private static ApiRequest toApiRequest(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        String host = exchange.getRequestHeaders().getFirst("Host");
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new ApiRequest(exchange.getRequestMethod(), "http://" + host, headers,
                parseQuery(exchange.getRequestURI().getRawQuery()), body);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
