package com.contoso.media.uploads;

import java.util.EnumSet;
import java.util.Set;

/** The life cycle of an upload. Terminal states never change again, except to {@link #Deleted}. */
public enum UploadStatus {
    AwaitingUpload, Validating, Queued, Processing, Succeeded, Rejected, Failed, Expired, Deleted;

    public boolean isTerminal() {
        return switch (this) {
            case AwaitingUpload, Validating, Queued, Processing -> false;
            default -> true;
        };
    }

    public boolean canMoveTo(UploadStatus next) {
        return successors().contains(next);
    }

    private Set<UploadStatus> successors() {
        return switch (this) {
            // Rejected: an import from a URL whose source could not be fetched (no file ever arrived).
            case AwaitingUpload -> EnumSet.of(Validating, Rejected, Expired, Deleted);
            // Back to AwaitingUpload when validation hit a transient fault, so the redelivered blob event can retry it.
            // Validating -> Validating: a redelivered event taking over the claim of an intake that died.
            case Validating -> EnumSet.of(AwaitingUpload, Validating, Queued, Processing, Succeeded, Rejected, Failed,
                    Deleted);
            // Queued: a valid video waiting for one of its tenant's encoding slots (TENANT_MAX_ACTIVE_TRANSCODES).
            // Failed only when the watchdog finds its orchestration gone.
            case Queued -> EnumSet.of(Processing, Failed, Deleted);
            case Processing -> EnumSet.of(Succeeded, Rejected, Failed, Deleted);
            case Succeeded, Rejected, Failed, Expired -> EnumSet.of(Deleted);
            case Deleted -> EnumSet.noneOf(UploadStatus.class);
        };
    }
}
