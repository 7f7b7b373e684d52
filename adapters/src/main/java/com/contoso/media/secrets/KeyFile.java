package com.contoso.media.secrets;

import java.nio.file.Path;
import java.util.Base64;

/**
 * The key-encryption key of a developer's machine: a 256-bit AES key in a file (under {@code .devhost/} for the
 * local runtime), owner-only and created once ({@link OwnerOnlyFile}). Azure uses a Key Vault key instead
 * ({@link KeyVaultKeyWrapping}), and refuses to start with this setting.
 */
public final class KeyFile {

    private KeyFile() {
    }

    public static KeyWrapping loadOrCreate(Path file) {
        String key = OwnerOnlyFile.readOrCreate(file,
                () -> Base64.getEncoder().encodeToString(AesKeyWrapping.newKey()));
        return new AesKeyWrapping(Base64.getDecoder().decode(key.trim()));
    }
}
