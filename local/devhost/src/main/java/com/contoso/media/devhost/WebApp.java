package com.contoso.media.devhost;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the built web app ({@code web/dist}, from {@code npm --prefix web run build}) at {@code /}. Files only
 * from inside that folder; anything that is not a file there gets {@code index.html}, the single page.
 */
final class WebApp {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "json", "application/json", "ico", "image/x-icon", "map", "application/json");
    private static final String NOT_BUILT = "<!doctype html><html lang=\"en\"><title>Media backend</title>"
            + "<p>The web app is not built. Run <code>npm --prefix web ci &amp;&amp; npm --prefix web run build</code>"
            + " (scripts/run-local.sh does), then reload. The API is at <a href=\"/api/health\">/api</a>.</p></html>";

    private final Path root;

    WebApp(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path index = root.resolve("index.html");
            if (!Files.isRegularFile(index)) {
                send(exchange, 200, TYPES.get("html"), NOT_BUILT.getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                file = index;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            send(exchange, 200, type, Files.readAllBytes(file));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
