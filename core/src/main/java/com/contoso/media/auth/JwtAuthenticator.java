package com.contoso.media.auth;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
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
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates bearer JWTs (signature, issuer, audience, expiry) and extracts the tenant claim. */
public final class JwtAuthenticator {

    /** Tenant ids become blob path segments and partition keys, so only path-safe ids are accepted. */
    private static final Pattern SAFE_TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String tenantClaim;

    public JwtAuthenticator(AuthSettings settings) {
        this.tenantClaim = settings.tenantClaim();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySource(settings)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("exp", "sub", settings.tenantClaim())));
    }

    public TenantPrincipal authenticate(ApiRequest request) {
        String header = request.header("Authorization")
                .orElseThrow(() -> ProblemException.unauthorized("Missing Authorization: Bearer <token> header."));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ProblemException.unauthorized("Authorization header must use the Bearer scheme.");
        }
        JWTClaimsSet claims = verify(header.substring(7).trim());
        String tenant = claimAsString(claims, tenantClaim);
        if (!SAFE_TENANT.matcher(tenant).matches()) {
            throw ProblemException.unauthorized("Token claim '" + tenantClaim + "' is not a valid tenant id.");
        }
        return new TenantPrincipal(tenant, claims.getSubject(), roles(claims));
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

    private static Set<String> roles(JWTClaimsSet claims) {
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return roles == null ? Set.of() : Set.copyOf(roles);
        } catch (ParseException e) {
            throw ProblemException.unauthorized("Token claim 'roles' must be a list of strings.");
        }
    }

    private static String claimAsString(JWTClaimsSet claims, String name) {
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
