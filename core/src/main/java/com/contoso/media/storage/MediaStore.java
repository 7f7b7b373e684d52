package com.contoso.media.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Port for blob storage. Bytes never pass through the API: clients get SAS URLs, services get streams. */
public interface MediaStore {

    /** A create+write SAS for exactly {@code blob}, valid until {@code expiresAt}. */
    UploadTarget issueUploadTarget(BlobRef blob, String contentType, Map<String, String> metadata, Instant expiresAt);

    /** A read-only SAS URL for exactly {@code blob}. */
    String readUrl(BlobRef blob, Instant expiresAt);

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

    /** Streams the blob to {@code file} without holding it in memory. */
    void downloadTo(BlobRef blob, Path file);

    /** Uploads a local file (streamed, overwriting: re-running an activity rewrites the same paths). */
    void upload(BlobRef blob, Path file, String contentType);

    /** Deletes every blob whose name starts with {@code prefix}; returns how many went. */
    int deleteAll(String container, String prefix);

    /** Cheap reachability check for the health endpoint. */
    void ping();
}
