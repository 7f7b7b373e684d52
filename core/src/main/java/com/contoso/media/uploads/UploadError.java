package com.contoso.media.uploads;

/** Why an upload ended {@code Rejected} or {@code Failed}: a stable code and a message for people. */
public record UploadError(String code, String message) {
}
