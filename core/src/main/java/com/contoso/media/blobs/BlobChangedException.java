package com.contoso.media.blobs;

/**
 * The blob is no longer the version that was read: someone wrote it again in between. Transient for intake: the new
 * version raises its own blob event and is validated from scratch.
 */
public final class BlobChangedException extends RuntimeException {

    public BlobChangedException(BlobRef blob, String expectedEtag) {
        super("Blob " + blob + " changed after it was validated (expected ETag " + expectedEtag + ")");
    }
}
