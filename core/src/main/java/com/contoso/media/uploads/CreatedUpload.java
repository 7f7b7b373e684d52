package com.contoso.media.uploads;

import com.contoso.media.blobs.UploadTarget;

/** A freshly created upload record and the signed target its bytes go to. */
public record CreatedUpload(Upload upload, UploadTarget target) {
}
