package com.contoso.media.events;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} of every upload event (docs/design.md, "Events"). */
public enum EventType {
    UPLOAD_REQUESTED("media.upload.requested"),
    UPLOAD_ACCEPTED("media.upload.accepted"),
    UPLOAD_REJECTED("media.upload.rejected"),
    UPLOAD_EXPIRED("media.upload.expired"),
    UPLOAD_DELETED("media.upload.deleted"),
    TRANSCODE_STARTED("media.transcode.started"),
    TRANSCODE_SUCCEEDED("media.transcode.succeeded"),
    TRANSCODE_FAILED("media.transcode.failed"),
    /** A succeeded video's caption tracks changed (one added or deleted); its status stays {@code Succeeded}. */
    CAPTIONS_CHANGED("media.captions.changed");

    private final String value;

    EventType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<EventType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }
}
