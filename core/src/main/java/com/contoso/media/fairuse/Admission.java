package com.contoso.media.fairuse;

import com.contoso.media.uploads.UploadError;
import java.util.Optional;

/**
 * Intake's answer for a valid video: start encoding now, wait in the tenant's queue at {@code position}, or refuse
 * because the tenant's daily quota cannot take it.
 */
public record Admission(Kind kind, int position, Optional<UploadError> refusal) {

    public enum Kind { START, QUEUED, OVER_QUOTA }

    static Admission start() {
        return new Admission(Kind.START, 0, Optional.empty());
    }

    static Admission queued(int position) {
        return new Admission(Kind.QUEUED, position, Optional.empty());
    }

    static Admission overQuota(UploadError why) {
        return new Admission(Kind.OVER_QUOTA, 0, Optional.of(why));
    }
}
