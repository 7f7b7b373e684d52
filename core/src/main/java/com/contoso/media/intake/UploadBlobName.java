package com.contoso.media.intake;

import java.util.Optional;

/**
 * The parts of an inbox blob's name, {@code {tenantId}/{uploadId}/{fileName}}; empty for any other name. Intake and
 * the inbox sweep read names through it (the layout itself is {@code BlobLayout}).
 */
public record UploadBlobName(String tenantId, String uploadId, String fileName) {

    public static Optional<UploadBlobName> parse(String blobName) {
        String[] parts = blobName.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UploadBlobName(parts[0], parts[1], parts[2]));
    }
}
