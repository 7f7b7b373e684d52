package com.contoso.media.uploads;

/** A continuation token the repository never issued (tampered, truncated, or from another listing). */
public final class InvalidContinuationTokenException extends RuntimeException {

    public InvalidContinuationTokenException(String token, Throwable cause) {
        super("Not a continuation token this store issued: " + token, cause);
    }
}
