package com.contoso.media.intake;

/** What intake did with one blob event; returned for tests and the one-line log. */
public enum IntakeOutcome {
    /** A repeat of an event already being handled, or an upload deleted meanwhile: no state changed. */
    IGNORED,
    /** A blob no upload awaits (a late, stray or repeated write): deleted from the inbox, no state changed. */
    DISCARDED,
    REJECTED,
    SUCCEEDED,
    PROCESSING,
    /** A valid video waiting for one of its tenant's encoding slots. */
    QUEUED;

    /** Whether this delivery moved an upload to a new state. */
    public boolean movedUpload() {
        return this == REJECTED || this == SUCCEEDED || this == PROCESSING || this == QUEUED;
    }
}
