package com.contoso.media.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ApiRequest;
import com.contoso.media.http.ProblemException;
import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.contoso.media.tenants.Tenant;
import com.contoso.media.tenants.Tenants;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwtAuthenticatorTest {

    private final DevTokenIssuer issuer = DevTokenIssuer.generate();
    private final Tenants tenants = new Tenants(new InMemoryTenantRegistryStore(), Duration.ZERO, Optional.empty(), false,
            Clock.systemUTC());
    private final JwtAuthenticator authenticator = new JwtAuthenticator(settings("tid", DevTokenIssuer.ISSUER), tenants);

    JwtAuthenticatorTest() {
        tenants.onboard("contoso", "dir-contoso", "Contoso");
        tenants.onboard("ops", "dir-ops", "Operator");
    }

    @Test
    void theTenantIsTheRegistrysIdForTheTokensDirectory() {
        TenantPrincipal principal = authenticator.authenticate(bearer(issuer.mint("dir-contoso", Duration.ofMinutes(5))),
                Permission.WRITE);

        assertThat(principal).isEqualTo(new TenantPrincipal("contoso", "dev-user@dir-contoso",
                Set.of("media.read", "media.write")));
        assertThat(principal.has(Permission.ADMIN)).isFalse();
    }

    @Test
    void aDirectoryThatIsNotOnboardedIs401() {
        assertThatThrownBy(() -> authenticator.authenticate(bearer(issuer.mint("dir-stranger", Duration.ofMinutes(5))),
                Permission.READ)).isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(401);
                    assertThat(p.code()).isEqualTo("tenant_not_onboarded");
                });
    }

    @Test
    void aSuspendedTenantIs403UntilReactivated() {
        ApiRequest request = bearer(issuer.mint("dir-contoso", Duration.ofMinutes(5)));
        tenants.setStatus("contoso", Tenant.Status.Suspended);

        assertThatThrownBy(() -> authenticator.authenticate(request, Permission.READ))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(403);
                    assertThat(p.code()).isEqualTo("tenant_suspended");
                });

        tenants.setStatus("contoso", Tenant.Status.Active);
        assertThat(authenticator.authenticate(request, Permission.READ).tenantId()).isEqualTo("contoso");
    }

    @ParameterizedTest(name = "{0} token, {1} needed -> {2}")
    @CsvSource({
        "USER,   READ,  true", "USER,   WRITE, true", "USER,   ADMIN, false",
        "READER, READ,  true", "READER, WRITE, false", "READER, ADMIN, false",
        "ADMIN,  READ,  true", "ADMIN,  WRITE, true", "ADMIN,  ADMIN, true",
        "APP,    READ,  true", "APP,    WRITE, true", "APP,    ADMIN, false",
    })
    void scopesAndAppRolesGrantPermissions(DevTokenIssuer.Kind kind, Permission needed, boolean allowed) {
        ApiRequest request = bearer(issuer.mint("dir-ops", Duration.ofMinutes(5), kind));

        if (allowed) {
            assertThat(authenticator.authenticate(request, needed).tenantId()).isEqualTo("ops");
        } else {
            assertThatThrownBy(() -> authenticator.authenticate(request, needed))
                    .isInstanceOfSatisfying(ProblemException.class, p -> {
                        assertThat(p.status()).isEqualTo(403);
                        assertThat(p.code()).isEqualTo("insufficient_scope");
                        assertThat(p.headers().get("WWW-Authenticate"))
                                .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"" + needed.claimValue() + "\"");
                    });
        }
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        ApiRequest request = new ApiRequest("GET", "http://x",
                Map.of("authorization", "bearer " + issuer.mint("dir-ops", Duration.ofMinutes(5))), Map.of(), "");

        assertThat(authenticator.authenticate(request, Permission.READ).tenantId()).isEqualTo("ops");
    }

    @Test
    void missingHeaderIs401() {
        assertUnauthorized(authenticator, new ApiRequest("GET", "http://x", Map.of(), Map.of(), ""), "Missing Authorization");
    }

    @Test
    void otherSchemesAre401() {
        assertUnauthorized(authenticator, request("Basic dXNlcjpwYXNz"), "Bearer scheme");
    }

    @Test
    void garbageIs401() {
        assertUnauthorized(authenticator, request("Bearer not-a-jwt"), "not a well-formed JWT");
    }

    @Test
    void expiredTokensAre401() {
        String expired = issuer.mint("dir-ops", DevTokenIssuer.AUDIENCE, Instant.now().minus(Duration.ofMinutes(5)));

        assertUnauthorized(authenticator, bearer(expired), "Expired JWT");
    }

    @Test
    void wrongAudienceIs401() {
        String other = issuer.mint("dir-ops", "api://another-app", Instant.now().plusSeconds(300));

        assertUnauthorized(authenticator, bearer(other), "audience");
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        String forged = DevTokenIssuer.generate().mint("dir-ops", Duration.ofMinutes(5));

        assertUnauthorized(authenticator, bearer(forged), "rejected");
    }

    @Test
    void symmetricAlgorithmsAreRefused() throws Exception {
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer("https://devhost.local/dir-ops/v2.0").audience(DevTokenIssuer.AUDIENCE).subject("s")
                .claim("tid", "dir-ops").expirationTime(Date.from(Instant.now().plusSeconds(60))).build());
        hs256.sign(new MACSigner(new byte[32]));

        assertUnauthorized(authenticator, bearer(hs256.serialize()), "rejected");
    }

    @Test
    void theIssuerMustBeTheOneOfTheTokensOwnDirectory() {
        JwtAuthenticator oneIssuer = new JwtAuthenticator(settings("tid", "https://login.example/"), tenants);

        assertUnauthorized(oneIssuer, bearer(issuer.mint("dir-ops", Duration.ofMinutes(1))), "issuer");
    }

    @Test
    void underOneConsumerDirectoryAConfiguredClaimNamesTheTenant() {
        JwtAuthenticator byOrg = new JwtAuthenticator(settings("org", DevTokenIssuer.ISSUER), tenants);

        assertUnauthorized(byOrg, bearer(issuer.mint("dir-ops", Duration.ofMinutes(1))), "org");
    }

    @Test
    void directoryIdsThatCouldEscapeAnIssuerOrPathAreRefused() {
        assertUnauthorized(authenticator, bearer(issuer.mint("../other", Duration.ofMinutes(1))), "not a directory id");
    }

    private AuthSettings settings(String claim, String issuerTemplate) {
        return new AuthSettings(issuerTemplate, DevTokenIssuer.AUDIENCE, claim, Optional.empty(),
                Optional.of(issuer.publicJwks()), Duration.ZERO, Optional.empty(), false);
    }

    private static ApiRequest bearer(String token) {
        return request("Bearer " + token);
    }

    private static ApiRequest request(String authorization) {
        return new ApiRequest("GET", "http://x", Map.of("authorization", authorization), Map.of(), "");
    }

    private static void assertUnauthorized(JwtAuthenticator authenticator, ApiRequest request, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(request, Permission.READ))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(401);
                    assertThat(p.getMessage()).contains(reason);
                });
    }
}
