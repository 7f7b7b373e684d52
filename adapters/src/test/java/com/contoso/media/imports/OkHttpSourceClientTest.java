package com.contoso.media.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.outbound.OutboundUrlGuard;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import client against a real HTTP server on loopback (allowed by this guard, as in the test profile). */
class OkHttpSourceClientTest {

    private static final byte[] FILE = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final HttpServer server = start();
    private final SourceClient client = new OkHttpSourceClient(new OutboundUrlGuard(
            OutboundUrlGuard.Purpose.SOURCE, true, Set.of(443), OutboundUrlGuard.SYSTEM_DNS),
            Duration.ofSeconds(5), Optional.empty());

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aResumeAsksForTheRestWithIfRangeAndReadsWhereTheAnswerStarts() throws IOException {
        try (SourceClient.Answer answer = client.open(url("/file"), 5, Optional.of("\"v1\""))) {
            assertThat(answer.status()).isEqualTo(206);
            assertThat(answer.startOffset()).isEqualTo(5);
            assertThat(answer.totalBytes()).contains(20L);
            assertThat(answer.acceptsRanges()).isTrue();
            assertThat(answer.validator()).contains("\"v1\"");
            assertThat(new String(answer.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("56789abcdefghij");
        }
        assertThat(ranges).containsExactly("bytes=5- if-range=\"v1\"");
    }

    @Test
    void redirectsAreFollowedAndEachIsCheckedAgain() throws IOException {
        try (SourceClient.Answer answer = client.open(url("/hop"), 0, Optional.empty())) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.totalBytes()).contains(20L);
        }
        assertThatThrownBy(() -> client.open(url("/to-private"), 0, Optional.empty()))
                .isInstanceOfSatisfying(SourceFetchException.class, e -> {
                    assertThat(e.failure()).isEqualTo(SourceFetchException.Failure.REFUSED);
                    assertThat(e.getMessage()).contains("10.1.2.3", "private");
                });
        assertThatThrownBy(() -> client.open(url("/loop"), 0, Optional.empty()))
                .isInstanceOfSatisfying(SourceFetchException.class, e ->
                        assertThat(e.failure()).isEqualTo(SourceFetchException.Failure.TOO_MANY_REDIRECTS));
    }

    @Test
    void nobodyListeningIsUnreachable() {
        server.stop(0);
        assertThatThrownBy(() -> client.open(url("/file"), 0, Optional.empty()))
                .isInstanceOfSatisfying(SourceFetchException.class, e ->
                        assertThat(e.failure()).isEqualTo(SourceFetchException.Failure.UNREACHABLE));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/file", exchange -> {
                String range = exchange.getRequestHeaders().getFirst("Range");
                exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
                exchange.getResponseHeaders().set("ETag", "\"v1\"");
                if (range == null) {
                    exchange.sendResponseHeaders(200, FILE.length);
                    exchange.getResponseBody().write(FILE);
                } else {
                    ranges.add(range + " if-range=" + exchange.getRequestHeaders().getFirst("If-Range"));
                    int from = Integer.parseInt(range.replaceAll("\\D", ""));
                    exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-19/20");
                    exchange.sendResponseHeaders(206, FILE.length - from);
                    exchange.getResponseBody().write(FILE, from, FILE.length - from);
                }
                exchange.close();
            });
            http.createContext("/hop", exchange -> redirect(exchange, "/file"));
            http.createContext("/to-private", exchange -> redirect(exchange, "http://10.1.2.3/secret"));
            http.createContext("/loop", exchange -> redirect(exchange, "/loop"));
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }
}
