package com.contoso.media.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The key-encryption key of a developer's machine: a 256-bit AES key in a file (under {@code .devhost/} for the
 * local runtime), created readable by its owner alone (0600) before a byte is written. Azure uses a Key Vault key
 * instead ({@link KeyVaultKeyWrapping}), and refuses to start with this setting.
 */
public final class KeyFile {

    private KeyFile() {
    }

    public static KeyWrapping loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Path folder = file.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, "secrets-key", ".partial",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(partial, Base64.getEncoder().encodeToString(AesKeyWrapping.newKey()));
                try {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(partial); // another process created it first: use theirs
                }
            }
            return new AesKeyWrapping(Base64.getDecoder().decode(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("The secrets key file " + file + " cannot be read or created", e);
        }
    }
}
