package com.contoso.media.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.devhost.DevHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The web app in a real browser: {@code web/e2e/browser.mjs} drives Debian's chromium with playwright-core against
 * this JVM's local runtime, like a tenant would (sign in, upload, import from a URL, watch, play, usage, delete). Screenshots land in
 * {@code tests/target/screenshots/}. CI installs chromium and builds the app; elsewhere the test is skipped, saying
 * what is missing.
 */
class WebAppBrowserE2ETest {

    private static final Path WEB = RepoPaths.WEB;
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @Test
    void aTenantUploadsWatchesPlaysChecksUsageAndDeletesInABrowser() throws IOException, InterruptedException {
        requireBrowserSetup();
        DevHost host = LocalRuntime.get();
        Path media = Files.createTempDirectory("browser-media");
        Files.write(media.resolve("clip.mp4"), TestMedia.mp4(4, "640x360"));
        Files.write(media.resolve("photo.png"), TestMedia.picture("480x320"));
        Files.writeString(media.resolve("captions.srt"), "1\n00:00:00,500 --> 00:00:03,000\nHello from the captions\n");
        Files.writeString(media.resolve("fake.png"), "this is text, not a picture", StandardCharsets.UTF_8);
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Path log = Files.createTempFile("browser", ".log");

        // A tenant's file host for the import step (the test profile trusts its certificate and lets loopback in).
        SourceServer sources = new SourceServer();
        String importUrl = sources.serve("/pictures/imported.png", SourceServer.Source.file(
                TestMedia.picture("320x240")));

        ProcessBuilder node = new ProcessBuilder("node", "e2e/browser.mjs").directory(WEB.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        node.environment().putAll(java.util.Map.of("BASE_URL", host.baseUrl(), "MEDIA_DIR", media.toString(),
                "SCREENSHOTS", screenshots.toString(), "CHROMIUM", CHROMIUM.toString(), "IMPORT_URL", importUrl));
        Process process = node.start();
        boolean finished;
        try {
            finished = process.waitFor(6, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
        } finally {
            sources.close();
        }
        String output = Files.readString(log);
        System.out.println(output);

        assertThat(finished).as("the browser suite finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("browser suite passed");
        assertThat(screenshots.resolve("04-playing.png")).exists();
    }

    private static void requireBrowserSetup() {
        String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM + " (apt-get install chromium)"
                : !Files.isDirectory(WEB.resolve("node_modules/playwright-core")) ? "web/node_modules (npm --prefix web ci)"
                : !Files.isRegularFile(WEB.resolve("dist/index.html")) ? "web/dist (npm --prefix web run build)" : null;
        if (missing != null && System.getenv("CI") != null) {
            throw new AssertionError("the browser suite needs " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "browser suite skipped: missing " + missing);
    }
}
