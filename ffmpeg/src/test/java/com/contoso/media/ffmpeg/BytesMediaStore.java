package com.contoso.media.ffmpeg;

import com.contoso.media.blobs.BlobChangedException;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.blobs.ListedBlob;
import com.contoso.media.blobs.MediaStore;
import com.contoso.media.blobs.StoredBlob;
import com.contoso.media.blobs.UploadTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Blobs held as byte arrays, with what the loopback endpoint needs: describe and ETag-pinned range reads. */
class BytesMediaStore implements MediaStore {

    private final Map<BlobRef, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<BlobRef, String> etags = new ConcurrentHashMap<>();
    private final AtomicInteger versions = new AtomicInteger();
    final AtomicInteger rangeReads = new AtomicInteger();

    void put(BlobRef blob, byte[] bytes) {
        blobs.put(blob, bytes);
        etags.put(blob, "etag-" + versions.incrementAndGet());
    }

    @Override
    public Optional<StoredBlob> describe(BlobRef blob) {
        return Optional.ofNullable(blobs.get(blob))
                .map(bytes -> new StoredBlob(bytes.length, "video/mp4", etags.get(blob)));
    }

    @Override
    public void readRange(BlobRef blob, String etag, long offset, long count, OutputStream out) {
        if (!etag.equals(etags.get(blob))) {
            throw new BlobChangedException(blob, etag);
        }
        rangeReads.incrementAndGet();
        try {
            out.write(blobs.get(blob), (int) offset, (int) count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public UploadTarget issueUploadTarget(BlobRef blob, String contentType, Map<String, String> metadata, Instant at) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String readUrl(BlobRef blob, Instant expiresAt) {
        throw new UnsupportedOperationException("ffmpeg never gets a SAS URL");
    }

    @Override
    public String downloadUrl(BlobRef blob, String fileName, String contentType, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String readSas(BlobRef blob, Instant expiresAt) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> readTextWithSas(BlobRef blob, String sasQuery) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] readHead(BlobRef blob, int length) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void downloadTo(BlobRef blob, Path file) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void upload(BlobRef blob, Path file, String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void write(BlobRef blob, byte[] content, String contentType) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void copy(BlobRef source, String sourceEtag, BlobRef target, Map<String, String> tags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(BlobRef blob) {
        return blobs.remove(blob) != null;
    }

    @Override
    public List<ListedBlob> listModifiedBefore(String container, Instant cutoff, int max) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int deleteAll(String container, String prefix) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void ping() {
    }
}
