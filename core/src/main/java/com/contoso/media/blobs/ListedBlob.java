package com.contoso.media.blobs;

import java.time.Instant;

/** A committed blob as a container listing shows it. */
public record ListedBlob(BlobRef blob, Instant lastModified) {
}
