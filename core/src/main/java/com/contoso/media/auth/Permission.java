package com.contoso.media.auth;

/**
 * What a route needs a token to allow. A user's (delegated) token grants it through a scope in {@code scp}, an
 * application's (app-only) token through an app role in {@code roles}; the values are the same names, as Entra ID
 * issues them for an API that exposes both.
 */
public enum Permission {

    /** Reading uploads, their outputs and the reports. */
    READ("media.read"),
    /** Creating, changing and deleting uploads, and managing the tenant's webhooks. */
    WRITE("media.write"),
    /** The platform's own operations: onboarding and suspending tenants, running jobs. */
    ADMIN("media.admin");

    private final String claimValue;

    Permission(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The scope or app role name in a token. */
    public String claimValue() {
        return claimValue;
    }
}
