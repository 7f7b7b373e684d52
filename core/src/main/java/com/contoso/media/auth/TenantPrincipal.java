package com.contoso.media.auth;

/** The authenticated caller: every read and write is scoped to {@code tenantId}. */
public record TenantPrincipal(String tenantId, String subject) {
}
