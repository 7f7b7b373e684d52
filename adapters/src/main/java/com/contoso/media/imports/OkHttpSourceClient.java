package com.contoso.media.imports;

import com.contoso.media.imports.SourceFetchException.Failure;
import com.contoso.media.outbound.OutboundUrlGuard;
import com.contoso.media.outbound.UrlRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports' GETs with OkHttp. Before each connection, the first and every redirect's, the {@link OutboundUrlGuard}
 * checks the URL and returns the addresses it may use, and the call's {@code Dns} is pinned to them, so neither a
 * redirect nor a DNS answer that changes in between can reach a private address. No proxy, no automatic redirect,
 * no compression (ranges count bytes of the file itself), and a read timeout of the stall window.
 */
public final class OkHttpSourceClient implements SourceClient {

    private static final Logger LOG = LoggerFactory.getLogger(OkHttpSourceClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final OutboundUrlGuard guard;
    private final OkHttpClient client;

    public OkHttpSourceClient(OutboundUrlGuard guard, Duration stallWindow, Optional<Path> trustedCertificate) {
        this.guard = guard;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(stallWindow);
        trustedCertificate.ifPresent(file -> trustAlso(builder, file));
        this.client = builder.build();
    }

    @Override
    public Answer open(URI url, long offset, Optional<String> validator) {
        URI next = url;
        for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
            Response response = call(next, offset, validator);
            if (!response.isRedirect()) {
                return new OkHttpAnswer(response);
            }
            String location = response.header("Location");
            response.close();
            if (location == null) {
                throw new SourceFetchException(Failure.UNREACHABLE, "a redirect without a Location");
            }
            try {
                next = next.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException(Failure.REFUSED, "The source redirected to an invalid URL.");
            }
            LOG.info("import source redirected to {}", next.getHost());
        }
        throw new SourceFetchException(Failure.TOO_MANY_REDIRECTS, "more than " + MAX_REDIRECTS + " redirects");
    }

    private Response call(URI url, long offset, Optional<String> validator) {
        List<InetAddress> allowed;
        try {
            allowed = guard.addressesFor(url);
        } catch (UrlRefusedException refused) {
            throw new SourceFetchException(Failure.REFUSED, refused.getMessage());
        } catch (UnknownHostException e) {
            throw new SourceFetchException(Failure.UNREACHABLE, "the host " + url.getHost() + " does not resolve", e);
        }
        Request.Builder request = new Request.Builder().url(url.toString()).get()
                .header("Accept-Encoding", "identity");
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
            validator.ifPresent(value -> request.header("If-Range", value));
        }
        OkHttpClient pinned = client.newBuilder().dns(host -> allowed).build();
        try {
            return pinned.newCall(request.build()).execute();
        } catch (SocketTimeoutException e) {
            throw new SourceFetchException(Failure.STALLED, "no answer from " + url.getHost(), e);
        } catch (IOException e) {
            throw new SourceFetchException(Failure.UNREACHABLE, "no connection to " + url.getHost() + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new SourceFetchException(Failure.REFUSED, "The source URL cannot be requested.");
        }
    }

    /** The JDK's CAs and one more certificate: a test source's self-signed one (IMPORT_TRUSTED_CERT_FILE). */
    private static void trustAlso(OkHttpClient.Builder builder, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            X509TrustManager jdk = trustManager(null);
            int n = 0;
            for (X509Certificate ca : jdk.getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + n++, ca);
            }
            for (Certificate extra : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("extra-" + n++, extra);
            }
            X509TrustManager trust = trustManager(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            builder.sslSocketFactory(tls.getSocketFactory(), trust);
        } catch (IOException e) {
            throw new UncheckedIOException("IMPORT_TRUSTED_CERT_FILE could not be read: " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("IMPORT_TRUSTED_CERT_FILE is not a PEM certificate: " + file, e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** An answer's facts, read from its headers. */
    private static final class OkHttpAnswer implements Answer {
        private final Response response;

        OkHttpAnswer(Response response) {
            this.response = response;
        }

        @Override
        public int status() {
            return response.code();
        }

        @Override
        public long startOffset() {
            return contentRange().map(range -> Long.parseLong(range.group(1))).orElse(0L);
        }

        @Override
        public Optional<Long> totalBytes() {
            if (response.code() == 206) {
                return contentRange().map(range -> range.group(3)).filter(total -> !total.equals("*"))
                        .map(Long::parseLong);
            }
            return Optional.ofNullable(response.header("Content-Length")).flatMap(OkHttpAnswer::number);
        }

        @Override
        public boolean acceptsRanges() {
            return response.code() == 206 || "bytes".equalsIgnoreCase(response.header("Accept-Ranges"));
        }

        @Override
        public Optional<String> validator() {
            // If-Range takes a strong ETag only; a weak one could splice two versions of the file.
            Optional<String> etag = Optional.ofNullable(response.header("ETag")).filter(tag -> tag.startsWith("\""));
            return etag.or(() -> Optional.ofNullable(response.header("Last-Modified")));
        }

        @Override
        public InputStream body() {
            return response.body().byteStream();
        }

        @Override
        public void close() {
            response.close();
        }

        private Optional<Matcher> contentRange() {
            return Optional.ofNullable(response.header("Content-Range")).map(CONTENT_RANGE::matcher)
                    .filter(Matcher::matches);
        }

        private static Optional<Long> number(String text) {
            try {
                return Optional.of(Long.parseLong(text.trim())).filter(n -> n >= 0);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
