package com.contoso.media.uploads;

import com.contoso.media.storage.BlobRef;

/** A blob the upload produced (or the accepted original). Read URLs are signed only when a caller asks. */
public record UploadOutput(String kind, BlobRef blob, String contentType, long sizeBytes) {

    public static final String ORIGINAL = "original";
}
