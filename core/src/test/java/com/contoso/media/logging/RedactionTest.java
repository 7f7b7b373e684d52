package com.contoso.media.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    @Test
    void aServiceSasKeepsItsBlobButLosesItsSignature() {
        String url = "https://acct.blob.core.windows.net/media/t1/u1/a.mp4?sv=2025-11-05&se=2026-12-05T16%3A00Z"
                + "&sr=b&sp=r&sig=Abc%2Bdef%3D";

        assertThat(Redaction.redact("GET " + url + " answered 403"))
                .isEqualTo("GET https://acct.blob.core.windows.net/media/t1/u1/a.mp4?sv=2025-11-05"
                        + "&se=2026-12-05T16%3A00Z&sr=b&sp=r&sig=REDACTED answered 403");
    }

    @Test
    void everySigningFieldOfAUserDelegationSasGoes() {
        String sas = "sv=2025-11-05&skoid=1111-2222&sktid=3333&skt=2026-12-05T15%3A00Z&ske=2026-12-05T16%3A00Z"
                + "&sks=b&skv=2025-11-05&sr=b&sp=r&sig=secret";

        String redacted = Redaction.redact(sas);

        assertThat(redacted).doesNotContain("1111", "3333", "secret", "T15%3A00Z", "T16%3A00Z")
                .contains("sv=2025-11-05", "sr=b", "sp=r", "sig=REDACTED", "skoid=REDACTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIG=abc", "?Sig=abc", "x&sig=abc|next", "\"sig=abc\""})
    void theFieldNameMatchesInAnyCaseAndStopsAtSeparators(String text) {
        assertThat(Redaction.redact(text)).doesNotContain("abc").containsIgnoringCase("sig=REDACTED");
    }

    @Test
    void wordsThatOnlyEndInAFieldNameStay() {
        assertThat(Redaction.redact("config=1 design=2 task=3")).isEqualTo("config=1 design=2 task=3");
    }

    @Test
    void bearerTokensGo() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ0MSJ9.c2lnbmF0dXJl";

        assertThat(Redaction.redact("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer REDACTED");
    }

    @Test
    void nothingToRedactIsReturnedAsItIs() {
        assertThat(Redaction.redact("ffmpeg exited with 1")).isEqualTo("ffmpeg exited with 1");
        assertThat(Redaction.redact(null)).isNull();
    }
}
