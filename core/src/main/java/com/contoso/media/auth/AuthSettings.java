package com.contoso.media.auth;

import com.contoso.media.config.Settings;
import java.util.Optional;

/**
 * How bearer tokens are checked. Keys come from a JWKS URL (Entra ID, Auth0, ...) or, for the local
 * runtime and tests, an inline public JWK set; neither is a secret.
 */
public record AuthSettings(String issuer, String audience, String tenantClaim,
                           Optional<String> jwksUrl, Optional<String> publicJwks) {

    public static AuthSettings from(Settings settings) {
        return new AuthSettings(
                settings.require("AUTH_ISSUER"),
                settings.require("AUTH_AUDIENCE"),
                settings.get("AUTH_TENANT_CLAIM", "tid"),
                settings.find("AUTH_JWKS_URL"),
                settings.find("AUTH_PUBLIC_JWKS"));
    }
}
