package com.contoso.media.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAuthenticatorTest {

    private final DevTokenIssuer issuer = DevTokenIssuer.generate();
    private final JwtAuthenticator authenticator = new JwtAuthenticator(settings("tid", issuer));

    @Test
    void acceptsAValidTokenAndTakesTheTenantFromItsClaim() {
        TenantPrincipal principal = authenticator.authenticate(request("Bearer " + issuer.mint("tenant-a", Duration.ofMinutes(5))));

        assertThat(principal).isEqualTo(new TenantPrincipal("tenant-a", "dev-user@tenant-a", java.util.Set.of()));
        assertThat(principal.isAdmin()).isFalse();
    }

    @Test
    void appRolesComeFromTheRolesClaim() {
        TenantPrincipal admin = authenticator.authenticate(request("Bearer " + issuer.mintAdmin("ops", Duration.ofMinutes(5))));

        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.roles()).containsExactly(TenantPrincipal.ADMIN);
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(authenticator.authenticate(request("bearer " + issuer.mint("t1", Duration.ofMinutes(5)))).tenantId())
                .isEqualTo("t1");
    }

    @Test
    void missingHeaderIs401() {
        assertUnauthorized(new ApiRequest("GET", "http://x", Map.of(), Map.of(), ""), "Missing Authorization");
    }

    @Test
    void otherSchemesAre401() {
        assertUnauthorized(request("Basic dXNlcjpwYXNz"), "Bearer scheme");
    }

    @Test
    void garbageIs401() {
        assertUnauthorized(request("Bearer not-a-jwt"), "not a well-formed JWT");
    }

    @Test
    void expiredTokensAre401() {
        String expired = issuer.mint("tenant-a", DevTokenIssuer.AUDIENCE, Instant.now().minus(Duration.ofMinutes(5)));

        assertUnauthorized(request("Bearer " + expired), "Expired JWT");
    }

    @Test
    void wrongAudienceIs401() {
        String other = issuer.mint("tenant-a", "api://another-app", Instant.now().plusSeconds(300));

        assertUnauthorized(request("Bearer " + other), "audience");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        String forged = DevTokenIssuer.generate().mint("tenant-a", Duration.ofMinutes(5));

        assertUnauthorized(request("Bearer " + forged), "rejected");
    }

    @Test
    void symmetricAlgorithmsAreRefused() throws Exception {
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(DevTokenIssuer.ISSUER).audience(DevTokenIssuer.AUDIENCE).subject("s").claim("tid", "t")
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        hs256.sign(new MACSigner(new byte[32]));

        assertUnauthorized(request("Bearer " + hs256.serialize()), "rejected");
    }

    @Test
    void wrongIssuerIs401() {
        JwtAuthenticator strict = new JwtAuthenticator(new AuthSettings("https://login.example/", DevTokenIssuer.AUDIENCE,
                "tid", Optional.empty(), Optional.of(issuer.publicJwks())));

        assertThatThrownBy(() -> strict.authenticate(request("Bearer " + issuer.mint("t", Duration.ofMinutes(1)))))
                .isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.status()).isEqualTo(401));
    }

    @Test
    void theTenantClaimNameIsConfigurableAndRequired() {
        JwtAuthenticator byOrg = new JwtAuthenticator(settings("org", issuer));

        assertUnauthorized(byOrg, request("Bearer " + issuer.mint("t", Duration.ofMinutes(1))), "org");
    }

    @Test
    void tenantIdsThatCouldEscapeABlobPathAreRefused() {
        assertUnauthorized(request("Bearer " + issuer.mint("../other", Duration.ofMinutes(1))), "not a valid tenant id");
    }

    private static AuthSettings settings(String claim, DevTokenIssuer issuer) {
        return new AuthSettings(DevTokenIssuer.ISSUER, DevTokenIssuer.AUDIENCE, claim, Optional.empty(),
                Optional.of(issuer.publicJwks()));
    }

    private static ApiRequest request(String authorization) {
        return new ApiRequest("GET", "http://x", Map.of("authorization", authorization), Map.of(), "");
    }

    private void assertUnauthorized(ApiRequest request, String reason) {
        assertUnauthorized(authenticator, request, reason);
    }

    private static void assertUnauthorized(JwtAuthenticator authenticator, ApiRequest request, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(request))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(401);
                    assertThat(p.getMessage()).contains(reason);
                });
    }
}
