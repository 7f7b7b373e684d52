package com.contoso.media.events;

/**
 * A message that can never be processed, whatever the number of attempts: it goes to the dead-letter store with
 * {@link #reason()} (a stable code the re-drive job and operators filter on) and the message as description.
 */
public final class PoisonEventException extends RuntimeException {

    public static final String MALFORMED_JSON = "MalformedJson";
    public static final String MALFORMED_EVENT = "MalformedEvent";
    public static final String UNSUPPORTED_SCHEMA_VERSION = "UnsupportedSchemaVersion";
    public static final String UNKNOWN_TYPE = "UnknownEventType";
    public static final String MISSING_TENANT = "MissingTenant";

    private final String reason;

    public PoisonEventException(String reason, String description) {
        super(description);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
