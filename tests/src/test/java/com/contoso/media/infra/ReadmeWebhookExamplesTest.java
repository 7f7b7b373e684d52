package com.contoso.media.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The receiver examples are real code: the README's Java one is compiled and the JavaScript one in docs/webhooks.md
 * is run with Node, and
 * both must accept the Standard Webhooks specification's published test vector and refuse a tampered or stale one.
 */
class ReadmeWebhookExamplesTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330L;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theJavaExampleVerifiesTheSpecificationsVector() throws Exception {
        Path dir = Files.createTempDirectory("readme-java");
        Files.writeString(dir.resolve("ReadmeVerifier.java"), "public class ReadmeVerifier {\n"
                + block("README.md", "java", "static boolean verified(") + "\n}\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, dir.resolve("ReadmeVerifier.java").toString())).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
            Method verified = loader.loadClass("ReadmeVerifier").getDeclaredMethod("verified", String.class,
                    String.class, String.class, String.class, String.class, long.class);
            verified.setAccessible(true);
            String ts = String.valueOf(TIMESTAMP);

            assertThat(verified.invoke(null, SECRET, ID, ts, BODY, SIGNATURE, TIMESTAMP)).isEqualTo(true);
            assertThat(verified.invoke(null, SECRET, ID, ts, BODY, "v1,bm9wZQ== " + SIGNATURE, TIMESTAMP + 60))
                    .as("any of several signatures").isEqualTo(true);
            assertThat(verified.invoke(null, SECRET, ID, ts, BODY.replace('2', '3'), SIGNATURE, TIMESTAMP))
                    .as("tampered body").isEqualTo(false);
            assertThat(verified.invoke(null, SECRET, ID, ts, BODY, SIGNATURE, TIMESTAMP + 3600))
                    .as("stale").isEqualTo(false);
        }
    }

    @Test
    void theJavaScriptExampleVerifiesTheSpecificationsVector() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("readme-js");
        Files.writeString(dir.resolve("verify.mjs"), block("docs/webhooks.md", "js", "export function verified("));
        Files.writeString(dir.resolve("check.mjs"), String.join("\n",
                "import { verified } from './verify.mjs';",
                "const headers = (signature) => ({ 'webhook-id': '" + ID + "', 'webhook-timestamp': '" + TIMESTAMP
                        + "', 'webhook-signature': signature });",
                "const body = '" + BODY + "';",
                "console.log([",
                "  verified('" + SECRET + "', headers('" + SIGNATURE + "'), body, " + TIMESTAMP + "),",
                "  verified('" + SECRET + "', headers('v1,bm9wZQ== " + SIGNATURE + "'), body, " + TIMESTAMP + "),",
                "  verified('" + SECRET + "', headers('" + SIGNATURE + "'), body.replace('2', '3'), " + TIMESTAMP + "),",
                "  verified('" + SECRET + "', headers('" + SIGNATURE + "'), body, " + (TIMESTAMP + 3600) + "),",
                "].join(','));", ""));
        Process node = new ProcessBuilder("node", "check.mjs").directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(node.waitFor()).as(output).isZero();
        assertThat(output).isEqualTo("true,true,false,false");
    }

    /** The fenced code block in {@code language} of the page {@code page} that contains {@code marker}. */
    private static String block(String page, String language, String marker) throws IOException {
        String readme = Files.readString(PackagedFunctions.ROOT.resolve(page));
        Matcher blocks = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (blocks.find()) {
            if (blocks.group(1).contains(marker)) {
                return blocks.group(1);
            }
        }
        throw new AssertionError(page + " has no ```" + language + " block with " + marker);
    }
}
