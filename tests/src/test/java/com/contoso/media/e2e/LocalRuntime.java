package com.contoso.media.e2e;

import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

/** One local runtime per JVM, on a free port, against the Azurite that scripts/test.sh started. */
final class LocalRuntime {

    private static DevHost host;

    private LocalRuntime() {
    }

    static synchronized DevHost get() {
        if (host == null) {
            requireAzurite();
            try {
                host = DevHost.start(new Settings(Map.of(
                        "DEVHOST_PORT", "0",
                        "DEVHOST_DATA_DIR", Files.createTempDirectory("devhost-e2e").toString(),
                        "UPLOAD_MAX_BYTES", String.valueOf(64L * 1024 * 1024),
                        // The built web app (npm --prefix web run build), for the browser suite.
                        "DEVHOST_WEB_DIR", "../web/dist",
                        // Short backoff so the retry-exhaustion path finishes in seconds.
                        "TRANSCODE_RETRY_FIRST_SECONDS", "1",
                        // A suite's tenant with more videos than encoding slots waits seconds, not half-minutes.
                        "TRANSCODE_QUEUE_POLL_SECONDS", "2",
                        // Every e2e run sees duplicated and reordered event deliveries.
                        "LOCAL_BUS_CHAOS", "true")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(host::close));
        }
        return host;
    }

    private static void requireAzurite() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:10000/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Azurite is not answering on 127.0.0.1:10000: run scripts/test.sh, "
                    + "or scripts/azurite.sh start before mvn verify", e);
        }
    }
}
