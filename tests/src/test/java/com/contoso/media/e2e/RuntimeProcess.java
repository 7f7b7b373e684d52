package com.contoso.media.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The local runtime in its own JVM, for tests that kill it or its dependencies; its log goes to the data dir. */
final class RuntimeProcess {

    private static final Path DEVHOST = RepoPaths.ROOT.resolve("local/devhost/target/devhost.jar");

    private RuntimeProcess() {
    }

    /** Starts the runtime on {@code port} with {@code settings} and returns once its health endpoint answers. */
    static Process start(int port, Path data, Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder launcher = new ProcessBuilder("java", "-jar", DEVHOST.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("devhost.log").toFile()));
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DEVHOST_PORT", String.valueOf(port));
        environment.put("DEVHOST_DATA_DIR", data.toString());
        launcher.environment().putAll(environment);
        Process process = launcher.start();
        awaitAnswer(URI.create("http://127.0.0.1:" + port + "/api/health"), process, data.resolve("devhost.log"));
        return process;
    }

    /** Polls {@code uri} until it answers 200; gives up (and kills {@code process}) after 30 s. */
    static void awaitAnswer(URI uri, Process process, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(uri + " did not answer; see " + log);
    }
}
