package com.contoso.media.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * A key file on a developer's machine (the dev signing key, the local secrets key): created once, readable by its
 * owner alone (0600) before a byte is written into it, and never replaced. Two processes starting together both
 * end up with the first one's content: the file appears by a hard link, which fails if it exists, where a rename
 * would silently replace the key the other process already uses.
 */
public final class OwnerOnlyFile {

    private OwnerOnlyFile() {
    }

    /** The file's content; if there is no file yet, {@code content}'s, written to a new 0600 file. */
    public static String readOrCreate(Path file, Supplier<String> content) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file);
            }
            Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(partial, content.get());
                Files.createLink(file, partial);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first: its content is the one in use.
            } finally {
                Files.deleteIfExists(partial);
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("The key file " + file + " cannot be read or created", e);
        }
    }
}
