package com.contoso.media.uploads;

import java.util.Optional;

/** What {@code GET /api/uploads} narrows a tenant's list to: a status, a tag, the tenant's own id; all optional. */
public record UploadFilter(Optional<UploadStatus> status, Optional<String> tag, Optional<String> externalId) {

    public static final UploadFilter ALL = new UploadFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public static UploadFilter byStatus(Optional<UploadStatus> status) {
        return new UploadFilter(status, Optional.empty(), Optional.empty());
    }

    /** For stores that filter in memory; the Cosmos DB store asks the same in its query. */
    public boolean matches(Upload upload) {
        return status.map(s -> s == upload.status()).orElse(true)
                && tag.map(t -> upload.tenantMetadata().tags().contains(t)).orElse(true)
                && externalId.map(id -> upload.tenantMetadata().externalId().filter(id::equals).isPresent())
                        .orElse(true);
    }
}
