package com.contoso.media.intake;

/** What intake did with one blob event; returned for tests and the one-line log. */
public enum IntakeOutcome {
    /** Not an upload we are waiting for (unknown, already handled, or deleted): nothing changed. */
    IGNORED,
    REJECTED,
    SUCCEEDED,
    PROCESSING
}
