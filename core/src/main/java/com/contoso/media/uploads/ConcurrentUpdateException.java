package com.contoso.media.uploads;

/** The record changed (or already exists) since the caller read it: re-read and decide again. */
public class ConcurrentUpdateException extends RuntimeException {

    public ConcurrentUpdateException(String message) {
        super(message);
    }
}
