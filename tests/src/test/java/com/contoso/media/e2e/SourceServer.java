package com.contoso.media.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A tenant's file host for import tests: HTTPS on {@code localhost} with a self-signed certificate (made with the
 * JDK's keytool once per JVM; {@link #CERTIFICATE} is what the runtime is told to trust). Each path serves what its
 * {@link Source} says: with or without ranges, at a pace, as a redirect or an error. It records every request's
 * path and {@code Range} header.
 */
final class SourceServer implements AutoCloseable {

    /** The PEM certificate the import client trusts in the test profile (IMPORT_TRUSTED_CERT_FILE). */
    static final Path CERTIFICATE;
    private static final Path KEYSTORE;
    private static final char[] PASSWORD = "source-test".toCharArray();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    static {
        try {
            Path dir = Files.createTempDirectory("source-tls");
            KEYSTORE = dir.resolve("source.p12");
            CERTIFICATE = dir.resolve("source.pem");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(keytool, "-genkeypair", "-alias", "source", "-keyalg", "EC", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", KEYSTORE.toString(), "-storepass", new String(PASSWORD));
            run(keytool, "-exportcert", "-rfc", "-alias", "source", "-keystore", KEYSTORE.toString(),
                    "-storepass", new String(PASSWORD), "-file", CERTIFICATE.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one path answers. */
    record Source(int status, byte[] bytes, boolean ranges, int bytesPerSecond, String location, boolean length) {
        static Source file(byte[] bytes) {
            return new Source(200, bytes, true, 0, null, true);
        }

        Source withoutRanges() {
            return new Source(status, bytes, false, bytesPerSecond, location, length);
        }

        Source withoutLength() {
            return new Source(status, bytes, ranges, bytesPerSecond, location, false);
        }

        Source paced(int perSecond) {
            return new Source(status, bytes, ranges, perSecond, location, length);
        }

        static Source redirect(String location) {
            return new Source(302, new byte[0], false, 0, location, true);
        }

        static Source error(int status) {
            return new Source(status, new byte[0], false, 0, null, true);
        }
    }

    record Request(String path, String range) {
    }

    private final HttpsServer server;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    SourceServer() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(KEYSTORE)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::answer);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves {@code source} at {@code path}; returns its URL, named by host as a tenant's would be. */
    String serve(String path, Source source) {
        sources.put(path, source);
        return url(path);
    }

    String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String range = exchange.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        Source source = sources.get(path);
        try (exchange) {
            if (source == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (source.location() != null) {
                exchange.getResponseHeaders().set("Location", source.location());
            }
            if (source.status() != 200) {
                exchange.sendResponseHeaders(source.status(), -1);
                return;
            }
            byte[] bytes = source.bytes();
            int from = 0;
            Matcher wanted = range == null ? null : RANGE.matcher(range);
            exchange.getResponseHeaders().set("ETag", "\"v1\"");
            if (source.ranges()) {
                exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            }
            int status = 200;
            if (source.ranges() && wanted != null && wanted.matches()) {
                from = Integer.parseInt(wanted.group(1));
                status = 206;
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            }
            exchange.sendResponseHeaders(status, source.length() ? bytes.length - from : 0);
            send(exchange.getResponseBody(), bytes, from, source.bytesPerSecond());
        } catch (IOException clientWentAway) {
            // The importer stopped reading (a cut-off, or the runtime was killed): nothing to answer.
        }
    }

    private static void send(OutputStream out, byte[] bytes, int from, int perSecond) throws IOException {
        int step = perSecond > 0 ? Math.max(1, perSecond / 10) : 64 * 1024;
        for (int at = from; at < bytes.length; at += step) {
            out.write(bytes, at, Math.min(step, bytes.length - at));
            out.flush();
            if (perSecond > 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
