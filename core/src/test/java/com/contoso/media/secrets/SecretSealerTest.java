package com.contoso.media.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private final InMemoryKeyWrapping key = new InMemoryKeyWrapping();
    private final SecretSealer sealer = new SecretSealer(key);

    @Test
    void aSealedSecretOpensForItsOwnerAndShowsNothingOfIt() {
        String sealed = sealer.seal("tenant-a/e1", "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=");

        assertThat(sealed).startsWith("env1.").doesNotContain("whsec_").doesNotContain("c2VjcmV0");
        assertThat(new SecretSealer(key).open("tenant-a/e1", sealed)).isEqualTo("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=");
        assertThat(sealer.seal("tenant-a/e1", "whsec_x")).as("a fresh data key and IV each time")
                .isNotEqualTo(sealer.seal("tenant-a/e1", "whsec_x"));
    }

    @Test
    void itDoesNotOpenForAnotherOwnerOrUnderAnotherKey() {
        String sealed = sealer.seal("tenant-a/e1", "whsec_x");

        assertThatThrownBy(() -> new SecretSealer(key).open("tenant-b/e1", sealed))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretSealer(new InMemoryKeyWrapping()).open("tenant-a/e1",
                sealed)).hasMessageContaining("Sealed with key");
    }

    @Test
    void openingAgainCostsNoUnwrap() {
        AtomicInteger unwraps = new AtomicInteger();
        KeyWrapping counting = new KeyWrapping() {
            @Override
            public Wrapped wrap(byte[] dataKey) {
                return key.wrap(dataKey);
            }

            @Override
            public byte[] unwrap(String keyId, byte[] wrappedKey) {
                unwraps.incrementAndGet();
                return key.unwrap(keyId, wrappedKey);
            }
        };
        SecretSealer cached = new SecretSealer(counting);
        String sealed = cached.seal("t/e", "whsec_y");

        cached.open("t/e", sealed);
        cached.open("t/e", sealed);

        assertThat(unwraps).hasValue(1);
    }

    @Test
    void aSecretStoredBeforeSealingExistedStillSigns() {
        assertThat(sealer.open("t/e", "whsec_legacy")).isEqualTo("whsec_legacy");
    }
}
