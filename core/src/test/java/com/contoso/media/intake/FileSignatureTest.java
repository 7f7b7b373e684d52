package com.contoso.media.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSignatureTest {

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource({
        "video/mp4,       00000020667479706973366d, true",
        "video/mp4,       000000206d6f6f7600000000, false",
        "video/quicktime, 000000146674797071742020, true",
        "video/quicktime, 000000086d6f6f7600000000, true",
        "video/webm,      1a45dfa3a3428681, true",
        "image/jpeg,      ffd8ffe000104a46, true",
        "image/png,       89504e470d0a1a0a0000, true",
        "image/png,       ffd8ffe000104a46, false",
        "application/pdf, 255044462d312e37, true",
        "application/pdf, 3c68746d6c3e, false",
        "video/mp4,       , false",
    })
    void matchesMagicBytes(String contentType, String hex, boolean expected) {
        assertThat(FileSignature.matches(contentType, hex(hex))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"video/mp4", "video/webm", "image/jpeg", "image/png", "application/pdf"})
    void plainTextPassesForNoMediaType(String contentType) {
        assertThat(FileSignature.matches(contentType, "hello, this is text".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static byte[] hex(String hex) {
        if (hex == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
