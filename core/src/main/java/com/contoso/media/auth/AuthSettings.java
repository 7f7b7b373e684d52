package com.contoso.media.auth;

import com.contoso.media.config.AppSetting;
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
                settings.require(AppSetting.AUTH_ISSUER),
                settings.require(AppSetting.AUTH_AUDIENCE),
                settings.get(AppSetting.AUTH_TENANT_CLAIM),
                settings.find(AppSetting.AUTH_JWKS_URL),
                settings.find(AppSetting.AUTH_PUBLIC_JWKS));
    }
}
