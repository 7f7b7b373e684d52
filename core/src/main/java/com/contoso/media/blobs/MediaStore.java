package com.contoso.media.blobs;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port for blob storage. Bytes never pass through the API: clients get SAS URLs, services get streams. */
public interface MediaStore {

    /**
     * An upload SAS for exactly {@code blob}, valid until {@code expiresAt}: it writes that blob (a single PUT, or
     * Put Block + Put Block List) and nothing else; in Azure it is create-only, so storage refuses an overwrite.
     */
    UploadTarget issueUploadTarget(BlobRef blob, String contentType, Map<String, String> metadata, Instant expiresAt);

    /** A read-only SAS URL for exactly {@code blob}. */
    String readUrl(BlobRef blob, Instant expiresAt);

    /**
     * A read-only SAS URL for exactly {@code blob} whose responses name the download {@code fileName} (as an
     * attachment) and carry {@code contentType}, whatever the blob's own properties say.
     */
    String downloadUrl(BlobRef blob, String fileName, String contentType, Instant expiresAt);

    /** The query string of a read-only SAS for exactly {@code blob}, to append to a URL of our own. */
    String readSas(BlobRef blob, Instant expiresAt);

    /**
     * Reads a small text blob presenting the caller's SAS instead of the app's identity, so storage itself
     * decides whether that SAS grants it. Empty when storage refuses the SAS or the blob does not exist.
     */
    Optional<String> readTextWithSas(BlobRef blob, String sasQuery);

    Optional<StoredBlob> describe(BlobRef blob);

    /** Up to {@code length} bytes from the start of the blob (fewer when the blob is shorter). */
    byte[] readHead(BlobRef blob, int length);

    /**
     * Streams {@code count} bytes from {@code offset} of exactly the {@code etag} version of the blob to {@code out},
     * read with the app's own identity: this is how ffmpeg reads sources (through a loopback endpoint), so no URL
     * with a signature is ever handed to a process.
     *
     * @throws BlobChangedException when the blob is no longer that version
     * @throws java.io.UncheckedIOException when {@code out} refuses the bytes (the reader went away)
     */
    void readRange(BlobRef blob, String etag, long offset, long count, OutputStream out);

    /** Streams the blob to {@code file} without holding it in memory. */
    void downloadTo(BlobRef blob, Path file);

    /** Uploads a local file (streamed, overwriting: re-running an activity rewrites the same paths). */
    void upload(BlobRef blob, Path file, String contentType);

    /** Writes a small blob from memory (overwriting), such as a playlist or a caption file. */
    void write(BlobRef blob, byte[] content, String contentType);

    /**
     * Server-side copy of exactly the {@code sourceEtag} version of {@code source} to {@code target} (overwriting),
     * with {@code tags} as the target's blob index tags; returns once the copy is complete. The bytes never pass
     * through the caller.
     *
     * @throws BlobChangedException when the source is no longer that version
     */
    void copy(BlobRef source, String sourceEtag, BlobRef target, Map<String, String> tags);

    /** Deletes one blob; false when it did not exist. */
    boolean delete(BlobRef blob);

    /** Up to {@code max} committed blobs of {@code container} last modified before {@code cutoff}. */
    List<ListedBlob> listModifiedBefore(String container, Instant cutoff, int max);

    /** Deletes every blob whose name starts with {@code prefix}; returns how many went. */
    int deleteAll(String container, String prefix);

    /** Cheap reachability check for the health endpoint. */
    void ping();
}
