package com.contoso.media.intake;

import java.util.Optional;

/** The parts of an upload blob's name, {@code {tenantId}/{uploadId}/{fileName}} in the uploads container. */
record UploadBlobName(String tenantId, String uploadId, String fileName) {

    static Optional<UploadBlobName> parse(BlobCreated event, String uploadsContainer) {
        if (!event.container().equals(uploadsContainer)) {
            return Optional.empty();
        }
        String[] parts = event.blobName().split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UploadBlobName(parts[0], parts[1], parts[2]));
    }
}
