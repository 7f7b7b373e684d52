package com.contoso.media.webhooks;

import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.UrlRefusedException;
import com.contoso.media.webhooks.WebhookTransport.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook calls with OkHttp. Each call asks the {@link OutboundUrlGuard} once for the URL's allowed addresses (a
 * refusal ends the call before any connection) and pins its {@code Dns} to them, so DNS rebinding cannot slip a
 * private address in between. No
 * redirect is followed (a 3xx is a failed attempt), no proxy is used, the whole call is bounded by the timeout, and
 * at most {@value WebhookTransport#MAX_EXCERPT_BYTES} bytes of the answer are read. The delivery log gets a
 * category for each failure ({@link Failure}); the details go to this log.
 */
public final class OkHttpWebhookTransport implements WebhookTransport {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpWebhookTransport.class);

    private final OutboundUrlGuard guard;
    private final OkHttpClient client;

    public OkHttpWebhookTransport(OutboundUrlGuard guard, Duration timeout) {
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
        long started = System.nanoTime();
        List<InetAddress> allowed;
        try {
            allowed = guard.addressesFor(url);
        } catch (UrlRefusedException refused) {
            LOG.info("webhook attempt refused by the address guard: {}", refused.getMessage());
            return WebhookTransport.Response.failed(Failure.URL_REFUSED, 0);
        } catch (UnknownHostException unresolvable) {
            return WebhookTransport.Response.failed(Failure.DNS, millisSince(started));
        }
        Request request;
        try {
            request = request(url, headers, body);
        } catch (IllegalArgumentException unbuildable) {
            // A URL or header that java.net.URI accepts and OkHttp does not: a failed attempt, not a thrown message.
            LOG.warn("webhook request to {} could not be built: {}", url.getHost(), unbuildable.toString());
            return WebhookTransport.Response.failed(Failure.INTERNAL_ERROR, millisSince(started));
        }
        // This call's client (sharing the pool) connects only to the addresses just checked, literals included.
        OkHttpClient pinned = client.newBuilder().dns(host -> allowed).build();
        try (okhttp3.Response response = pinned.newCall(request).execute()) {
            // Only a receiver that proved who it is over TLS may put its words into the tenant's delivery log.
            Optional<String> excerpt = response.handshake() != null && !response.isSuccessful()
                    ? Optional.of(head(response.body())).filter(text -> !text.isBlank()) : Optional.empty();
            return WebhookTransport.Response.answered(response.code(), millisSince(started), excerpt);
        } catch (IOException e) {
            LOG.info("webhook attempt to {} failed: {}", url.getHost(), e.toString());
            return WebhookTransport.Response.failed(category(e), millisSince(started));
        }
    }

    private static Request request(URI url, Map<String, String> headers, String body) {
        Request.Builder request = new Request.Builder().url(url.toString())
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8),
                        MediaType.get(headers.getOrDefault("content-type", "application/json"))));
        headers.forEach(request::header);
        return request.build();
    }

    private static Failure category(IOException e) {
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return Failure.TIMEOUT;
        }
        if (e instanceof ConnectException) {
            return Failure.CONNECTION_REFUSED;
        }
        if (e instanceof SSLException) {
            return Failure.TLS;
        }
        if (e instanceof UnknownHostException) {
            return Failure.DNS;
        }
        return Failure.CONNECTION_FAILED;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** The start of the answer; never more than the excerpt's cap is read off the socket. */
    private static String head(ResponseBody body) throws IOException {
        if (body == null) {
            return "";
        }
        try (InputStream in = body.byteStream()) {
            return new String(in.readNBytes(MAX_EXCERPT_BYTES), StandardCharsets.UTF_8).strip();
        }
    }
}
