package com.contoso.media.webhooks;

import com.contoso.media.outbound.OutboundUrlGuard;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/** The webhook HTTP client against a real loopback server: no redirects, bounded time, the guard's addresses. */
class OkHttpWebhookTransportTest {

    private final List<String> hits = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    OkHttpWebhookTransportTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                hits.add(path + " " + exchange.getRequestHeaders().getFirst("webhook-id"));
                switch (path) {
                    case "/redirect" -> {
                        exchange.getResponseHeaders().set("Location", "/elsewhere");
                        exchange.sendResponseHeaders(302, -1);
                    }
                    case "/slow" -> {
                        sleep(3_000);
                        exchange.sendResponseHeaders(200, -1);
                    }
                    case "/big-error" -> {
                        byte[] body = "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(500, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        } catch (IOException closedByTheClient) {
                            // The client stops reading at its cap.
                        }
                    }
                    default -> exchange.sendResponseHeaders(204, -1);
                }
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private OkHttpWebhookTransport transport(boolean allowLoopback, Duration timeout) {
        return new OkHttpWebhookTransport(new OutboundUrlGuard(OutboundUrlGuard.Purpose.WEBHOOK, allowLoopback, Set.of(443), OutboundUrlGuard.SYSTEM_DNS), timeout);
    }

    @Test
    void postsTheBodyWithTheHeadersAndReportsTheStatus() {
        WebhookTransport.Response response = transport(true, Duration.ofSeconds(5)).post(url("/hook"),
                Map.of("content-type", "application/json", "webhook-id", "msg_1"), "{}");

        assertThat(response.succeeded()).isTrue();
        assertThat(response.statusCode()).contains(204);
        assertThat(hits).containsExactly("/hook msg_1");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        WebhookTransport.Response response = transport(true, Duration.ofSeconds(5)).post(url("/redirect"),
                Map.of("webhook-id", "msg_2"), "{}");

        assertThat(response.succeeded()).isFalse();
        assertThat(response.statusCode()).contains(302);
        assertThat(hits).containsExactly("/redirect msg_2");
    }

    @Test
    void aSlowEndpointTimesOut() {
        WebhookTransport.Response response = transport(true, Duration.ofSeconds(1)).post(url("/slow"), Map.of(), "{}");

        assertThat(response.statusCode()).isEmpty();
        assertThat(response.error()).contains("timeout");
    }

    @Test
    void aLargeAnswerOverPlainHttpLeavesOnlyItsStatusInTheLog() {
        WebhookTransport.Response response = transport(true, Duration.ofSeconds(5)).post(url("/big-error"), Map.of(),
                "{}");

        assertThat(response.statusCode()).contains(500);
        assertThat(response.error()).contains("http_status");
        // Not a TLS receiver: nothing it said is kept (a plain-http receiver is the local runtime's loopback only).
        assertThat(response.responseExcerpt()).isEmpty();
    }

    @Test
    void anAddressTheGuardRefusesIsNeverConnectedTo() {
        WebhookTransport.Response response = transport(false, Duration.ofSeconds(5)).post(
                URI.create("http://localhost:" + server.getAddress().getPort() + "/hook"), Map.of(), "{}");

        assertThat(response.statusCode()).isEmpty();
        assertThat(response.error()).contains("url_refused");
        assertThat(hits).isEmpty();
    }

    @Test
    void aLiteralAddressIsCheckedTooThoughNoNameIsResolved() {
        WebhookTransport.Response response = transport(false, Duration.ofSeconds(5)).post(url("/hook"), Map.of(), "{}");

        assertThat(response.statusCode()).isEmpty();
        assertThat(response.error()).contains("url_refused");
        assertThat(hits).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveIsAFailedAttempt() {

        WebhookTransport.Response response = transport(false, Duration.ofSeconds(5)).post(
                URI.create("https://no-such-host.invalid/hook"), Map.of(), "{}");

        assertThat(response.statusCode()).isEmpty();
        assertThat(response.error()).contains("dns");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() {
        int port = server.getAddress().getPort();
        server.stop(0);

        WebhookTransport.Response response = transport(true, Duration.ofSeconds(5)).post(
                URI.create("http://127.0.0.1:" + port + "/hook"), Map.of(), "{}");

        assertThat(response.error()).contains("connection_refused");
    }

    @Test
    void aRequestOkHttpCannotBuildIsAFailedAttemptNotAnException() {
        WebhookTransport.Response response = transport(true, Duration.ofSeconds(5)).post(url("/hook"),
                Map.of("webhook-id", "line\nbreak"), "{}");

        assertThat(response.error()).contains("internal_error");
        assertThat(hits).isEmpty();
    }
}
