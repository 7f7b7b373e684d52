package com.contoso.media.auth;

import com.contoso.media.config.AppSetting;
import com.contoso.media.config.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * How bearer tokens are checked. Keys come from a JWKS URL (Entra ID, ...) or, for the local runtime and tests, an
 * inline public JWK set; neither is a secret. {@code issuer} may hold {@value #DIRECTORY_PLACEHOLDER}: a
 * multi-tenant app's tokens come from one issuer per directory ({@code https://login.microsoftonline.com/{tid}/v2.0}),
 * and each token's own {@code tid} fills it in. {@code directoryClaim} names the claim whose value the tenant
 * registry knows the tenant by.
 */
public record AuthSettings(String issuer, String audience, String directoryClaim,
                           Optional<String> jwksUrl, Optional<String> publicJwks,
                           Duration tenantCacheFor, Optional<String> operatorDirectory,
                           boolean onboardOnFirstSignIn) {

    public static final String DIRECTORY_PLACEHOLDER = "{tid}";

    public static AuthSettings from(Settings settings) {
        return new AuthSettings(
                settings.require(AppSetting.AUTH_ISSUER),
                settings.require(AppSetting.AUTH_AUDIENCE),
                settings.get(AppSetting.AUTH_TENANT_CLAIM),
                settings.find(AppSetting.AUTH_JWKS_URL),
                settings.find(AppSetting.AUTH_PUBLIC_JWKS),
                Duration.ofSeconds(settings.getLong(AppSetting.AUTH_TENANT_CACHE_SECONDS)),
                settings.find(AppSetting.AUTH_OPERATOR_DIRECTORY),
                Boolean.parseBoolean(settings.get(AppSetting.AUTH_DEV_AUTO_ONBOARD)));
    }

    public boolean issuerPerDirectory() {
        return issuer.contains(DIRECTORY_PLACEHOLDER);
    }
}
