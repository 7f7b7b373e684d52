package com.contoso.media.tenants;

import java.time.Instant;

/**
 * One onboarded customer. {@code tenantId} is the service's own id for it: the first segment of its blob paths and
 * the partition of its records. {@code directoryId} is the identity provider's id that its tokens carry (the
 * Entra directory's {@code tid}, or the configured claim's value under a single consumer directory).
 */
public record Tenant(String tenantId, String directoryId, String displayName, Status status, Instant onboardedAt,
                     Instant updatedAt) {

    public enum Status { Active, Suspended }

    public Tenant withStatus(Status newStatus, Instant at) {
        return new Tenant(tenantId, directoryId, displayName, newStatus, onboardedAt, at);
    }
}
