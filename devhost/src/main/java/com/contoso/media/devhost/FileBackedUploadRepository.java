package com.contoso.media.devhost;

import com.contoso.media.json.Json;
import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.Page;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The in-process upload store, written through to one JSON file per record so that a restarted local runtime
 * finds its uploads again (and the orchestrations it resumes can finish them).
 */
final class FileBackedUploadRepository implements UploadRepository {

    private final InMemoryUploadRepository memory = new InMemoryUploadRepository();
    private final Path folder;

    FileBackedUploadRepository(Path folder) {
        this.folder = folder;
        load();
    }

    @Override
    public Upload create(Upload upload) {
        return written(memory.create(upload));
    }

    @Override
    public Optional<Upload> find(String tenantId, String uploadId) {
        return memory.find(tenantId, uploadId);
    }

    @Override
    public Upload replace(Upload upload) {
        return written(memory.replace(upload));
    }

    @Override
    public Page<Upload> list(String tenantId, Optional<UploadStatus> status, int limit, Optional<String> continuationToken) {
        return memory.list(tenantId, status, limit, continuationToken);
    }

    @Override
    public List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit) {
        return memory.findStale(status, writtenBefore, limit);
    }

    private Upload written(Upload upload) {
        try {
            Path file = folder.resolve(upload.tenantId()).resolve(upload.id() + ".json");
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(upload.id() + ".json.tmp");
            Files.writeString(partial, Json.write(upload));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void load() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(file -> file.toString().endsWith(".json"))
                    .map(file -> Json.read(read(file), Upload.class))
                    .forEach(memory::restore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
