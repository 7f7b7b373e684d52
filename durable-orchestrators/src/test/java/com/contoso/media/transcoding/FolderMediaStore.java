package com.contoso.media.transcoding;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.ListedBlob;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.blobs.UploadTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** A blob store in a local folder, for activity tests: the blob's name is its path below the container folder. */
final class FolderMediaStore implements MediaStore {

    private final Path root;

    FolderMediaStore(Path root) {
        this.root = root;
    }

    Path file(BlobRef blob) {
        return root.resolve(blob.container()).resolve(blob.name());
    }

    @Override
    public void readRange(BlobRef blob, String etag, long offset, long count, java.io.OutputStream out) {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file(blob))) {
            channel.transferTo(offset, count, java.nio.channels.Channels.newChannel(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void downloadTo(BlobRef blob, Path file) {
        copy(file(blob), file);
    }

    @Override
    public void upload(BlobRef blob, Path file, String contentType) {
        copy(file, file(blob));
    }

    @Override
    public void write(BlobRef blob, byte[] content, String contentType) {
        try {
            Files.createDirectories(file(blob).getParent());
            Files.write(file(blob), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int deleteAll(String container, String prefix) {
        Path folder = root.resolve(container).resolve(prefix);
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return (int) files.sorted(java.util.Comparator.reverseOrder()).filter(p -> p.toFile().delete())
                    .filter(p -> !Files.isDirectory(p)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<StoredBlob> describe(BlobRef blob) {
        try {
            return Files.exists(file(blob)) ? Optional.of(new StoredBlob(Files.size(file(blob)), "application/octet-stream",
                    "etag"))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public UploadTarget issueUploadTarget(BlobRef blob, String contentType, Map<String, String> metadata, Instant expiresAt) {
        throw new UnsupportedOperationException("not used by activities");
    }

    /** ffmpeg reads {@code file:} URLs like any other. */
    @Override
    public String readUrl(BlobRef blob, Instant expiresAt) {
        return file(blob).toUri().toString();
    }

    @Override
    public String readSas(BlobRef blob, Instant expiresAt) {
        throw new UnsupportedOperationException("not used by activities");
    }

    @Override
    public Optional<String> readTextWithSas(BlobRef blob, String sasQuery) {
        throw new UnsupportedOperationException("not used by activities");
    }

    @Override
    public String downloadUrl(BlobRef blob, String fileName, String contentType, Instant expiresAt) {
        throw new UnsupportedOperationException("not used by activities");
    }

    @Override
    public void copy(BlobRef source, String sourceEtag, BlobRef target, Map<String, String> tags) {
        copy(file(source), file(target));
    }

    @Override
    public boolean delete(BlobRef blob) {
        return file(blob).toFile().delete();
    }

    @Override
    public List<ListedBlob> listModifiedBefore(String container, Instant cutoff, int max) {
        throw new UnsupportedOperationException("not used by activities");
    }

    @Override
    public byte[] readHead(BlobRef blob, int length) {
        try {
            byte[] all = Files.readAllBytes(file(blob));
            return java.util.Arrays.copyOf(all, Math.min(length, all.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void ping() {
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
