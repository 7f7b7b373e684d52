package com.contoso.media.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path folder;

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndTheSameKeyIsReadBack() throws Exception {
        Path file = folder.resolve("keys/webhook-secrets.key");
        SecretSealer sealer = new SecretSealer(KeyFile.loadOrCreate(file));
        String sealed = sealer.seal("t/e", "whsec_abc");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SecretSealer(KeyFile.loadOrCreate(file)).open("t/e", sealed)).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> new SecretSealer(KeyFile.loadOrCreate(folder.resolve("other.key"))).open("t/e", sealed))
                .hasMessageContaining("Sealed with key local-aes:");
    }

    @Test
    void aesKeyWrapRoundTripsADataKey() {
        AesKeyWrapping keys = new AesKeyWrapping(AesKeyWrapping.newKey());
        byte[] dataKey = AesKeyWrapping.newKey();

        KeyWrapping.Wrapped wrapped = keys.wrap(dataKey);

        assertThat(wrapped.wrappedKey()).hasSize(40).isNotEqualTo(dataKey);
        assertThat(keys.unwrap(wrapped.keyId(), wrapped.wrappedKey())).isEqualTo(dataKey);
    }
}
