package com.contoso.media.ffmpeg;

import com.contoso.media.logging.Redaction;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way ffmpeg reads a blob: a plain-HTTP endpoint on {@code 127.0.0.1} (an ephemeral port, and a path
 * holding 128 random bits per served blob) that answers byte ranges read through the storage SDK with the app's own
 * identity. ffmpeg therefore never resolves a host name (the static build crashes on name lookups), never speaks
 * TLS (Java verifies storage's certificate), and never holds a SAS. A served blob answers only until its run ends.
 *
 * <p>It speaks the part of HTTP/1.1 ranges (RFC 9110 section 14) that ffmpeg's http protocol uses: {@code GET} and
 * {@code HEAD}, {@code Range: bytes=a-b}, {@code a-} and {@code -n}, {@code 206} with {@code Content-Range}, a
 * {@code 416} with {@code Content-Range: bytes *}{@code /size} for a start at or past the end, which ffmpeg takes as
 * the end of the file, and {@code Accept-Ranges: bytes}, which tells it it may seek.
 */
public final class LoopbackBlobServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackBlobServer.class);
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern EXTENSION = Pattern.compile("\\.([A-Za-z0-9]{1,8})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    private LoopbackBlobServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Listens on 127.0.0.1 at a port the system picks. */
    public static LoopbackBlobServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService workers = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "loopback-blob-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            LoopbackBlobServer loopback = new LoopbackBlobServer(server, workers);
            server.createContext("/", loopback::answer);
            server.setExecutor(workers);
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on the loopback interface", e);
        }
    }

    /**
     * Serves the current version of {@code blob} from {@code store} until the returned handle is closed; reads are
     * pinned to that version's ETag.
     *
     * @throws IllegalStateException when the blob does not exist
     */
    public ServedBlob serve(MediaStore store, BlobRef blob) {
        StoredBlob stored = store.describe(blob)
                .orElseThrow(() -> new IllegalStateException("no blob " + blob + " to serve"));
        byte[] secret = new byte[16];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Served serving = new Served(store, blob, stored, new AtomicReference<>());
        served.put(token, serving);
        // The extension helps ffmpeg guess the container; nothing else of the blob's name is shown.
        Matcher extension = EXTENSION.matcher(blob.name());
        String name = "source" + (extension.find() ? "." + extension.group(1).toLowerCase(Locale.ROOT) : "");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + token + "/" + name;
        return new ServedBlob(url, () -> served.remove(token), serving.refusal());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/", 3);
            Served blob = path.length < 2 ? null : served.get(path[1]);
            if (blob == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try {
                respond(exchange, blob, head);
            } catch (RuntimeException failed) {
                if (closedByReader(failed)) {
                    LOG.debug("loopback read ended early: {}", failed.toString());
                    return;
                }
                // Storage's own words (an SDK error may quote a URL) are redacted here, where the error is met, and
                // kept for the caller: ffmpeg only sees a 503, which it would report as an unreadable file.
                String detail = Redaction.redact(failed.toString());
                blob.refusal().compareAndSet(null, detail);
                LOG.warn("loopback read failed: {}", detail);
                if (exchange.getResponseCode() == -1) {
                    exchange.sendResponseHeaders(503, -1);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // ffmpeg closes a connection when it seeks elsewhere or has read enough (the storage SDK may hand that
            // back wrapped, hence the check above); that is not an error.
            LOG.debug("loopback read ended early: {}", e.toString());
        }
    }

    private static void respond(HttpExchange exchange, Served blob, boolean head) throws IOException {
        long size = blob.stored().sizeBytes();
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        Optional<long[]> range = range(exchange.getRequestHeaders().getFirst("Range"), size);
        if (range.isPresent() && range.get().length == 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        long first = range.map(r -> r[0]).orElse(0L);
        long length = range.map(r -> r[1] - r[0] + 1).orElse(size);
        int status = range.isPresent() ? 206 : 200;
        if (range.isPresent()) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + (first + length - 1) + "/" + size);
        }
        if (head || length == 0) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        // Headers go with the first bytes, so a read storage refuses at once is answered 503, not a short 206.
        HeadersOnFirstWrite body = new HeadersOnFirstWrite(exchange, status, length);
        blob.store().readRange(blob.blob(), blob.stored().etag(), first, length, body);
        body.sendHeaders();
    }

    /** Whether the failure is ffmpeg going away mid-response (it seeks elsewhere or has read enough). */
    private static boolean closedByReader(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReaderClosed) {
                return true;
            }
        }
        return false;
    }

    /** Writing to ffmpeg failed: it closed the connection, which is not storage's doing. */
    private static final class ReaderClosed extends IOException {
        ReaderClosed(IOException cause) {
            super(cause);
        }
    }

    /** The response body, whose status line and headers are sent just before its first byte. */
    private static final class HeadersOnFirstWrite extends FilterOutputStream {
        private final HttpExchange exchange;
        private final int status;
        private final long length;
        private boolean sent;

        HeadersOnFirstWrite(HttpExchange exchange, int status, long length) {
            super(exchange.getResponseBody());
            this.exchange = exchange;
            this.status = status;
            this.length = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) throws IOException {
            try {
                sendHeaders();
                out.write(bytes, offset, count);
            } catch (IOException readerGone) {
                throw new ReaderClosed(readerGone);
            }
        }

        private void sendHeaders() throws IOException {
            if (!sent) {
                sent = true;
                exchange.sendResponseHeaders(status, length);
            }
        }
    }

    /**
     * The one range asked for, as {first, last}; an empty array when it cannot be satisfied (416); empty when the
     * request asks for the whole blob (no header, or a header this server does not take, which RFC 9110 lets a
     * server ignore).
     */
    static Optional<long[]> range(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return Optional.of(suffix == 0 || size == 0 ? new long[0]
                        : new long[] {Math.max(0, size - suffix), size - 1});
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                return Optional.of(new long[0]);
            }
            return last < first ? Optional.empty() : Optional.of(new long[] {first, last});
        } catch (NumberFormatException tooLong) {
            return Optional.of(new long[0]);
        }
    }

    /** {@code refusal}: what storage answered when it refused a read, redacted; null while every read went through. */
    private record Served(MediaStore store, BlobRef blob, StoredBlob stored, AtomicReference<String> refusal) {
    }

    /**
     * Storage refused to read a source that was being served: a fault on our side (permissions, an outage), never
     * a verdict on the file, so callers retry instead of rejecting the upload. The message is already redacted.
     */
    public static final class SourceUnavailableException extends IllegalStateException {
        public SourceUnavailableException(String detail) {
            super("storage refused to read the source: " + detail);
        }
    }

    /** A blob being served: its URL works until this is closed. */
    public static final class ServedBlob implements AutoCloseable {
        private final String url;
        private final Runnable withdraw;
        private final AtomicReference<String> refusal;

        private ServedBlob(String url, Runnable withdraw, AtomicReference<String> refusal) {
            this.url = url;
            this.withdraw = withdraw;
            this.refusal = refusal;
        }

        public String url() {
            return url;
        }

        /**
         * Call when ffmpeg failed on this URL: if storage refused one of its reads, that is the cause, not the file.
         *
         * @throws SourceUnavailableException when storage refused a read
         */
        public void requireReadable() {
            String refused = refusal.get();
            if (refused != null) {
                throw new SourceUnavailableException(refused);
            }
        }

        @Override
        public void close() {
            withdraw.run();
        }
    }
}
