package com.contoso.media.storage;

/** What the store says about a committed blob. */
public record StoredBlob(long sizeBytes, String contentType) {
}
