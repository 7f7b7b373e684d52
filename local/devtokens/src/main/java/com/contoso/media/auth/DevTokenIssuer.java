package com.contoso.media.auth;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Signs development tokens for the local runtime and the test suites. Its key pair lives on the developer's
 * machine only; deployed apps verify tokens from the real identity provider's JWKS instead.
 */
public final class DevTokenIssuer {

    public static final String ISSUER = "https://devhost.local/";
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
        try {
            if (Files.exists(file)) {
                return new DevTokenIssuer(RSAKey.parse(Files.readString(file)));
            }
            DevTokenIssuer issuer = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            // The private key: created readable by its owner alone (0600) before a byte is written into it.
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), "dev-signing-key", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, issuer.key.toJSONString());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("Dev signing key " + file + " is unreadable; delete it to regenerate", e);
        }
    }

    public String publicJwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    public String mint(String tenantId, Duration lifetime) {
        return mint(tenantId, AUDIENCE, Instant.now().plus(lifetime));
    }

    public String mint(String tenantId, String audience, Instant expiresAt) {
        return mint(tenantId, audience, expiresAt, List.of());
    }

    /** A token carrying the admin app role, for operational endpoints. */
    public String mintAdmin(String tenantId, Duration lifetime) {
        return mint(tenantId, AUDIENCE, Instant.now().plus(lifetime), List.of(TenantPrincipal.ADMIN));
    }

    private String mint(String tenantId, String audience, Instant expiresAt, List<String> roles) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(audience)
                .subject("dev-user@" + tenantId)
                .claim("tid", tenantId)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt));
        if (!roles.isEmpty()) {
            builder.claim("roles", roles);
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
