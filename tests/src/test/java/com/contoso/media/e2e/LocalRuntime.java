package com.contoso.media.e2e;

import com.contoso.media.config.Settings;
import com.contoso.media.devhost.DevHost;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
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
                Map<String, String> settings = new HashMap<>(IMPORT_TEST_PROFILE);
                settings.putAll(Map.of(
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
                        "LOCAL_BUS_CHAOS", "true"));
                host = DevHost.start(new Settings(settings));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(host::close));
        }
        return host;
    }

    /**
     * Imports in the test profile: the guard lets loopback sources in (never by default), the test source's
     * self-signed certificate is trusted, and blocks, slices, stalls and retries are small and short, so a file of
     * a few hundred kilobytes takes several slices and a failing source gives up in seconds.
     */
    static final Map<String, String> IMPORT_TEST_PROFILE = Map.of(
            "IMPORT_ALLOW_LOOPBACK", "true",
            "IMPORT_TRUSTED_CERT_FILE", SourceServer.CERTIFICATE.toString(),
            "IMPORT_BLOCK_BYTES", String.valueOf(64 * 1024),
            "IMPORT_SLICE_SECONDS", "1",
            "IMPORT_STALL_SECONDS", "2",
            "IMPORT_MIN_BYTES_PER_SECOND", "16384",
            "IMPORT_RETRIES", "2",
            "IMPORT_RETRY_FIRST_SECONDS", "1");

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
