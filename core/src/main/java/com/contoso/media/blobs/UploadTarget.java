package com.contoso.media.blobs;

import java.time.Instant;
import java.util.Map;

/** Where and how a client PUTs its bytes: a SAS URL for one blob plus the headers the PUT must carry. */
public record UploadTarget(String url, String method, Map<String, String> headers, Instant expiresAt) {
}
