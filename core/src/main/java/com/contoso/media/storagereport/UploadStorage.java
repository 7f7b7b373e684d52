package com.contoso.media.storagereport;

/** The storage report's state of one upload: the latest version applied ({@code sequence}) and its facts. */
public record UploadStorage(String tenantId, String uploadId, long sequence, StorageFacts facts) {
}
