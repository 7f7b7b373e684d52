package com.contoso.media.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tenant's webhook receiver, as a tenant would write one: an HTTP server on a free loopback port that checks
 * each request's Standard Webhooks signature with its own HMAC code (not the service's), then answers the status
 * the test's {@code behaviour} gives for the n-th request.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, with whether its signature verified against the secret the receiver holds. */
    record Received(String webhookId, long timestamp, String signature, String body, boolean signatureValid,
                    int answered, Instant at, String traceparent) {
    }

    /**
     * A path of its own: an ephemeral port is soon handed out again, and an endpoint of an earlier test (a dead one
     * still retrying) may then knock at this receiver's port. Those requests are answered 404 and not recorded.
     */
    private final String path = "/hook-" + UUID.randomUUID();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String secret = "";
    private volatile IntUnaryOperator behaviour = n -> 200;
    private volatile Runnable beforeAnswer = () -> { };

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
                String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
                beforeAnswer.run();
                int status;
                synchronized (received) {
                    status = behaviour.applyAsInt(received.size() + 1);
                    received.add(new Received(id, Long.parseLong(timestamp), signature, body,
                            verifies(id, timestamp, body, signature), status, Instant.now(),
                            exchange.getRequestHeaders().getFirst("traceparent")));
                }
                byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void trust(String whsecSecret) {
        this.secret = whsecSecret;
    }

    void answer(IntUnaryOperator statusForNthRequest) {
        this.behaviour = statusForNthRequest;
    }

    void beforeAnswering(Runnable hold) {
        this.beforeAnswer = hold;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The Standard Webhooks check: any of the space-separated v1 signatures matches HMAC-SHA256(id.ts.body). */
    private boolean verifies(String id, String timestamp, String body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
