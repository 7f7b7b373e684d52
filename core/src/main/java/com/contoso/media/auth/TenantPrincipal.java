package com.contoso.media.auth;

import java.util.Set;

/**
 * The authenticated caller: every read and write is scoped to {@code tenantId}. {@code roles} are the token's
 * app roles; {@value #ADMIN} may run operational actions such as a scheduled job on demand.
 */
public record TenantPrincipal(String tenantId, String subject, Set<String> roles) {

    public static final String ADMIN = "media.admin";

    public TenantPrincipal {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }
}
