package com.contoso.media.auth;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
import com.contoso.media.tenants.Tenant;
import com.contoso.media.tenants.Tenants;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates bearer JWTs (signature, audience, expiry, then the issuer of the token's own directory), admits the
 * directory's tenant from the registry, and checks that the token grants what the route needs.
 */
public final class JwtAuthenticator {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final String ENTRA_DIRECTORY_CLAIM = "tid";

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final AuthSettings settings;
    private final Tenants tenants;

    public JwtAuthenticator(AuthSettings settings, Tenants tenants) {
        this.settings = settings;
        this.tenants = tenants;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySource(settings)));
        // The issuer is checked after the signature, against the token's own directory (see issuer()).
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.audience(), null,
                Set.of("exp", "sub", "iss", settings.directoryClaim())));
    }

    /**
     * The caller, if the token is valid, its tenant onboarded and active, and it grants {@code needed}: 401 for a
     * token that is missing or not valid here, 403 for a suspended tenant or a missing permission.
     */
    public TenantPrincipal authenticate(ApiRequest request, Permission needed) {
        String header = request.header("Authorization")
                .orElseThrow(() -> ProblemException.unauthorized("Missing Authorization: Bearer <token> header."));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("Authorization header must use the Bearer scheme.");
        }
        JWTClaimsSet claims = verify(header.substring(7).trim());
        if (!claims.getIssuer().equals(issuer(claims))) {
            throw ProblemException.unauthorized("Bearer token rejected: its issuer is not the one of its directory.");
        }
        Tenant tenant = tenants.admit(claimAsString(claims, settings.directoryClaim()));
        TenantPrincipal caller = new TenantPrincipal(tenant.tenantId(), claims.getSubject(), grants(claims));
        if (!caller.has(needed)) {
            // RFC 6750 section 3.1: the client may ask for a token with this scope and try again.
            throw new ProblemException(403, "insufficient_scope", "This token does not allow this request; it needs"
                    + " the " + needed.claimValue() + " permission (a delegated scope or an app role).")
                    .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\""
                            + needed.claimValue() + "\"");
        }
        return caller;
    }

    private String issuer(JWTClaimsSet claims) {
        if (!settings.issuerPerDirectory()) {
            return settings.issuer();
        }
        String directory = claimAsString(claims, ENTRA_DIRECTORY_CLAIM);
        if (!Tenants.SAFE_ID.matcher(directory).matches()) {
            throw ProblemException.unauthorized("Token claim '" + ENTRA_DIRECTORY_CLAIM + "' is not a directory id.");
        }
        return settings.issuer().replace(AuthSettings.DIRECTORY_PLACEHOLDER, directory);
    }

    private JWTClaimsSet verify(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw ProblemException.unauthorized("Bearer token is not a well-formed JWT.");
        } catch (BadJOSEException | JOSEException e) {
            throw ProblemException.unauthorized("Bearer token rejected: " + e.getMessage());
        }
    }

    /** Delegated scopes ({@code scp}, space-separated) and app roles ({@code roles}, a list) together. */
    private static Set<String> grants(JWTClaimsSet claims) {
        Set<String> grants = new HashSet<>();
        String scopes = optionalClaim(claims, "scp");
        if (scopes != null) {
            grants.addAll(List.of(scopes.trim().split("\\s+")));
        }
        try {
            List<String> roles = claims.getStringListClaim("roles");
            if (roles != null) {
                grants.addAll(roles);
            }
        } catch (ParseException e) {
            throw ProblemException.unauthorized("Token claim 'roles' must be a list of strings.");
        }
        return grants;
    }

    private static String claimAsString(JWTClaimsSet claims, String name) {
        String value = optionalClaim(claims, name);
        if (value == null || value.isBlank()) {
            throw ProblemException.unauthorized("Token claim '" + name + "' is missing.");
        }
        return value;
    }

    private static String optionalClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw ProblemException.unauthorized("Token claim '" + name + "' must be a string.");
        }
    }

    private static JWKSource<SecurityContext> keySource(AuthSettings settings) {
        if (settings.publicJwks().isPresent()) {
            try {
                return new ImmutableJWKSet<>(JWKSet.parse(settings.publicJwks().get()));
            } catch (ParseException e) {
                throw new IllegalStateException("AUTH_PUBLIC_JWKS is not a valid JWK set", e);
            }
        }
        String url = settings.jwksUrl()
                .orElseThrow(() -> new IllegalStateException("Set AUTH_JWKS_URL or AUTH_PUBLIC_JWKS"));
        try {
            // Cached and rate-limited by the builder's defaults, so key rotation is picked up without a restart.
            return JWKSourceBuilder.create(URI.create(url).toURL()).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("AUTH_JWKS_URL is not a URL: " + url, e);
        }
    }
}
