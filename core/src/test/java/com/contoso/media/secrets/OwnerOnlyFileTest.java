package com.contoso.media.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {

    @TempDir
    Path folder;

    @Test
    void aNewFileIsOwnerOnlyAndAnExistingOneIsNeverReplaced() throws Exception {
        Path file = folder.resolve("keys/secret.key");

        assertThat(OwnerOnlyFile.readOrCreate(file, () -> "first")).isEqualTo("first");
        assertThat(OwnerOnlyFile.readOrCreate(file, () -> "second")).isEqualTo("first");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no partial file stays behind").containsExactly(file);
        }
    }

    @Test
    void processesStartingTogetherAllGetTheFirstContent() {
        Path file = folder.resolve("racing.key");

        List<String> read = IntStream.range(0, 16).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> OwnerOnlyFile.readOrCreate(file, () -> "writer-" + i))).toList().stream()
                .map(CompletableFuture::join).toList();

        assertThat(read).hasSize(16).containsOnly(read.get(0));
    }
}
