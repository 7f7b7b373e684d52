package com.contoso.media.events;

import java.util.Optional;

/**
 * The {@code data} of an upload event: what the upload was when the event was raised. Durations are whole
 * milliseconds so that sums are exact in any order. {@code outputBytes} is set on transcode success,
 * {@code errorCode} on rejection and failure.
 */
public record UploadEventData(String fileName, String contentType, long sizeBytes, Optional<Long> durationMillis,
                              Optional<Long> outputBytes, Optional<String> errorCode) {
}
