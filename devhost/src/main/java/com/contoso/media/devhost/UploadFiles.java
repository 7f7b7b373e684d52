package com.contoso.media.devhost;

import com.contoso.media.json.Json;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.StoredUpload;
import com.contoso.media.uploads.Upload;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the local runtime's upload records on disk, one JSON file per record holding the record and its
 * unpublished outbox entries. One file, replaced atomically, is what makes a state change and its events
 * survive (or not) together, like the Cosmos DB transactional batch does; a restarted runtime finds its uploads
 * and publishes what was pending.
 */
final class UploadFiles implements InMemoryUploadRepository.WriteThrough {

    private final Path folder;

    private UploadFiles(Path folder) {
        this.folder = folder;
    }

    static InMemoryUploadRepository open(Path folder) {
        InMemoryUploadRepository repository = new InMemoryUploadRepository(new UploadFiles(folder));
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(file -> file.toString().endsWith(".json"))
                        .map(file -> stored(read(file)))
                        .forEach(repository::restore);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return repository;
    }

    @Override
    public void written(StoredUpload stored) {
        try {
            Path file = folder.resolve(stored.upload().tenantId()).resolve(stored.upload().id() + ".json");
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(stored.upload().id() + ".json.tmp");
            Files.writeString(partial, Json.write(stored));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files written before the outbox existed hold a bare record: it has nothing waiting to be published. */
    private static StoredUpload stored(String json) {
        JsonNode node = Json.read(json, JsonNode.class);
        return node.has("upload") ? Json.MAPPER.convertValue(node, StoredUpload.class)
                : new StoredUpload(Json.MAPPER.convertValue(node, Upload.class), List.of());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
