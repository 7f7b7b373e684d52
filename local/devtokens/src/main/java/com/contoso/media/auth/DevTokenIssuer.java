package com.contoso.media.auth;

import com.contoso.media.secrets.OwnerOnlyFile;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Signs development tokens for the local runtime and the test suites, shaped like Entra ID's: an issuer per
 * directory ({@code tid}), delegated scopes in {@code scp}, app roles in {@code roles}. Its key pair lives on the developer's
 * machine only; deployed apps verify tokens from the real identity provider's JWKS instead.
 */
public final class DevTokenIssuer {

    /** Like a multi-tenant Entra app's issuer: one per directory, each token's {@code tid} in place of {tid}. */
    public static final String ISSUER = "https://devhost.local/{tid}/v2.0";
    public static final String AUDIENCE = "api://media-backend";

    private final RSAKey key;

    private DevTokenIssuer(RSAKey key) {
        this.key = key;
    }

    public static DevTokenIssuer generate() {
        try {
            return new DevTokenIssuer(new RSAKeyGenerator(2048).keyID("dev-" + Instant.now().getEpochSecond()).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reuses the key in {@code file} so tokens minted by a separate command match the running host. */
    public static DevTokenIssuer loadOrCreate(Path file) {
        // The private key: readable by its owner alone, and the first process's key if two start together.
        try {
            return new DevTokenIssuer(RSAKey.parse(OwnerOnlyFile.readOrCreate(file,
                    () -> generate().key.toJSONString())));
        } catch (ParseException e) {
            throw new IllegalStateException("Dev signing key " + file + " is unreadable; delete it to regenerate", e);
        }
    }

    /** Settings that trust this key, as the local runtime does: tenants are onboarded at their first sign-in. */
    public AuthSettings trustingSettings() {
        return new AuthSettings(ISSUER, AUDIENCE, "tid", Optional.empty(), Optional.of(publicJwks()), Duration.ZERO,
                Optional.empty(), true);
    }

    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** What a dev token may do, as Entra would grant it ({@link Permission}). */
    public enum Kind {
        /** A signed-in user of the web app: the read and write scopes. */
        USER(List.of(Permission.READ, Permission.WRITE), List.of()),
        /** A user granted the read scope only. */
        READER(List.of(Permission.READ), List.of()),
        /** A user with the operator's app role as well. */
        ADMIN(List.of(Permission.READ, Permission.WRITE), List.of(Permission.ADMIN)),
        /** An application (client credentials): app roles and no scopes. */
        APP(List.of(), List.of(Permission.READ, Permission.WRITE));

        private final List<Permission> scopes;
        private final List<Permission> roles;

        Kind(List<Permission> scopes, List<Permission> roles) {
            this.scopes = scopes;
            this.roles = roles;
        }
    }

    public String mint(String directoryId, Duration lifetime) {
        return mint(directoryId, lifetime, Kind.USER);
    }

    public String mint(String directoryId, Duration lifetime, Kind kind) {
        return mint(directoryId, AUDIENCE, Instant.now().plus(lifetime), kind);
    }

    public String mint(String directoryId, String audience, Instant expiresAt) {
        return mint(directoryId, audience, expiresAt, Kind.USER);
    }

    /** A token carrying the admin app role, for operational endpoints. */
    public String mintAdmin(String directoryId, Duration lifetime) {
        return mint(directoryId, lifetime, Kind.ADMIN);
    }

    private String mint(String directoryId, String audience, Instant expiresAt, Kind kind) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER.replace(AuthSettings.DIRECTORY_PLACEHOLDER, directoryId))
                .audience(audience)
                .subject((kind == Kind.APP ? "dev-app@" : "dev-user@") + directoryId)
                .claim("tid", directoryId)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt));
        if (!kind.scopes.isEmpty()) {
            builder.claim("scp", String.join(" ", kind.scopes.stream().map(Permission::claimValue).toList()));
        }
        if (!kind.roles.isEmpty()) {
            builder.claim("roles", kind.roles.stream().map(Permission::claimValue).toList());
        }
        JWTClaimsSet claims = builder.build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
