package com.contoso.media.auth;

import java.util.Set;

/**
 * The authenticated caller: every read and write is scoped to {@code tenantId}. {@code grants} are the token's
 * delegated scopes and app roles together ({@link Permission}).
 */
public record TenantPrincipal(String tenantId, String subject, Set<String> grants) {

    public TenantPrincipal {
        grants = Set.copyOf(grants);
    }

    public boolean has(Permission permission) {
        return grants.contains(permission.claimValue());
    }
}
