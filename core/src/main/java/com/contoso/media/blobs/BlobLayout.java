package com.contoso.media.blobs;

import java.util.Map;

/**
 * Where an upload's blobs live, in one place so that every writer, reader and deleter agrees.
 * <ul>
 *   <li>The <b>inbox</b> ({@code uploads/{tenant}/{uploadId}/{fileName}}): the one blob a client's create-only SAS
 *       may write. Short-lived: intake validates it, promotes it, and deletes it.</li>
 *   <li>The <b>library</b> ({@code media/{tenant}/{uploadId}/…}): validated originals under {@code original/} and
 *       transcoding outputs under {@code hls/} and beside them. Clients can only ever read it.</li>
 * </ul>
 */
public record BlobLayout(String inboxContainer, String mediaContainer) {

    /**
     * Blob index tags on promoted originals: the lifecycle policy tiers them by tag, because a name prefix cannot
     * reach {@code original/} below every tenant and upload.
     */
    public static final Map<String, String> ORIGINAL_TAGS = Map.of("kind", "original");

    /** Where the client PUTs the upload's bytes. */
    public BlobRef inbox(String tenantId, String uploadId, String fileName) {
        return new BlobRef(inboxContainer, uploadFolder(tenantId, uploadId) + fileName);
    }

    /** The validated copy of the uploaded file, which is what is served and transcoded. */
    public BlobRef original(String tenantId, String uploadId, String fileName) {
        return library(tenantId, uploadId, "original/" + fileName);
    }

    /** A blob of the upload's library folder; {@code path} is relative to it (e.g. {@code hls/720p/index.m3u8}). */
    public BlobRef library(String tenantId, String uploadId, String path) {
        return new BlobRef(mediaContainer, uploadFolder(tenantId, uploadId) + path);
    }

    /** The name prefix of everything an upload owns, in either container. */
    public static String uploadFolder(String tenantId, String uploadId) {
        return tenantId + "/" + uploadId + "/";
    }

    /** Removes every blob the upload owns in both containers; returns how many went. Safe to repeat. */
    public int deleteUpload(MediaStore store, String tenantId, String uploadId) {
        String folder = uploadFolder(tenantId, uploadId);
        return store.deleteAll(inboxContainer, folder) + store.deleteAll(mediaContainer, folder);
    }
}
