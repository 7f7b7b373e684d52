package com.contoso.media.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.junit.jupiter.api.Test;

/** The JSON log encoder as logback.xml configures it: no signature or token survives into a log line. */
class RedactingValueMaskerTest {

    @Test
    void messagesMdcAndStackTracesLoseTheirSecrets() {
        LoggerContext context = new LoggerContext();
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new RedactingValueMasker());
        masking.start();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setJsonGeneratorDecorator(masking);
        encoder.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("x"), Level.WARN,
                "probe of {} failed", new IllegalStateException("GET https://a/b?sv=1&sig=Inner"),
                new Object[] {"https://acct.blob.core.windows.net/media/a.mp4?sv=2025-11-05&sig=Top%3D"});
        event.setMDCPropertyMap(Map.of("authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ0MSJ9.c2ln"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).contains("media/a.mp4?sv=2025-11-05&sig=REDACTED", "sig=REDACTED", "Bearer REDACTED")
                .doesNotContain("Top%3D", "Inner", "eyJ0aWQiOiJ0MSJ9");
    }
}
