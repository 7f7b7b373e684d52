package com.contoso.media.blobs;

/** What the store says about a committed blob; {@code etag} names this exact version of its bytes. */
public record StoredBlob(long sizeBytes, String contentType, String etag) {
}
