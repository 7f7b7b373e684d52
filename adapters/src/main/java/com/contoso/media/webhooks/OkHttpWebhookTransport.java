package com.contoso.media.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Webhook calls with OkHttp. Each call asks the {@link WebhookUrlGuard} once for the URL's allowed addresses (a
 * refusal ends the call before any connection) and pins its {@code Dns} to them, so DNS rebinding cannot slip a
 * private address in between. No
 * redirect is followed (a 3xx is a failed attempt), no proxy is used, the whole call is bounded by the timeout, and
 * at most {@link #MAX_RESPONSE_BYTES} of the answer are read.
 */
public final class OkHttpWebhookTransport implements WebhookTransport {

    static final int MAX_RESPONSE_BYTES = 4096;
    private static final int ERROR_SNIPPET = 200;

    private final WebhookUrlGuard guard;
    private final OkHttpClient client;

    public OkHttpWebhookTransport(WebhookUrlGuard guard, Duration timeout) {
        this.guard = guard;
        this.client = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .build();
    }

    @Override
    public WebhookTransport.Response post(URI url, Map<String, String> headers, String body) {
        Request.Builder request = new Request.Builder().url(url.toString())
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8),
                        MediaType.get(headers.getOrDefault("content-type", "application/json"))));
        headers.forEach(request::header);
        long started = System.nanoTime();
        List<InetAddress> allowed;
        try {
            allowed = guard.addressesFor(url);
        } catch (WebhookUrlRefusedException refused) {
            return new WebhookTransport.Response(Optional.empty(), 0, Optional.of(refused.getMessage()));
        } catch (UnknownHostException unresolvable) {
            return new WebhookTransport.Response(Optional.empty(), (System.nanoTime() - started) / 1_000_000,
                    Optional.of("UnknownHostException: " + unresolvable.getMessage()));
        }
        // This call's client (sharing the pool) connects only to the addresses just checked, literals included.
        OkHttpClient pinned = client.newBuilder().dns(host -> allowed).build();
        try (okhttp3.Response response = pinned.newCall(request.build()).execute()) {
            String answer = head(response.body());
            long latency = (System.nanoTime() - started) / 1_000_000;
            Optional<String> error = response.isSuccessful() ? Optional.empty()
                    : Optional.of("HTTP " + response.code() + (answer.isBlank() ? "" : ": " + answer));
            return new WebhookTransport.Response(Optional.of(response.code()), latency, error);
        } catch (IOException e) {
            long latency = (System.nanoTime() - started) / 1_000_000;
            return new WebhookTransport.Response(Optional.empty(), latency,
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** The start of the answer, for the delivery record; never more than the cap is read off the socket. */
    private static String head(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.length() > ERROR_SNIPPET ? text.substring(0, ERROR_SNIPPET) + "…" : text;
        }
    }
}
