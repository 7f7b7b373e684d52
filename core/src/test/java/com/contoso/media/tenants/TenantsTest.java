package com.contoso.media.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.http.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import com.contoso.media.testing.MovableClock;
import org.junit.jupiter.api.Test;

class TenantsTest {

    private final InMemoryTenantRegistryStore store = new InMemoryTenantRegistryStore();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private final Tenants tenants = new Tenants(store, Duration.ofSeconds(30), Optional.empty(), false, clock);

    @Test
    void onboardingIsIdempotentForTheSamePair() {
        assertThat(tenants.onboard("contoso", "dir-1", "Contoso").created()).isTrue();
        assertThat(tenants.onboard("contoso", "dir-1", "Contoso").created()).isFalse();

        assertThat(tenants.list()).extracting(Tenant::tenantId).containsExactly("contoso");
    }

    @Test
    void aTenantIdAndADirectoryEachMapToOneOtherOnly() {
        tenants.onboard("contoso", "dir-1", "Contoso");

        assertProblem(() -> tenants.onboard("contoso", "dir-2", "Other"), 409, "tenant_exists");
        assertProblem(() -> tenants.onboard("fabrikam", "dir-1", "Fabrikam"), 409, "directory_already_onboarded");
    }

    @Test
    void concurrentOnboardingsOfOneDirectoryLeaveOneTenant() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        ConcurrentHashMap<String, Boolean> winners = new ConcurrentHashMap<>();
        List<Future<?>> runs = IntStream.range(0, 16).<Future<?>>mapToObj(i -> pool.submit(() -> {
            try {
                tenants.onboard("t" + i, "dir-shared", "T" + i);
                winners.put("t" + i, true);
            } catch (ProblemException expected) {
                assertThat(expected.code()).isEqualTo("directory_already_onboarded");
            }
        })).toList();
        for (Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();

        assertThat(winners).hasSize(1);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void badIdsAreRefusedWithAClearError() {
        assertProblem(() -> tenants.onboard("../x", "dir", "X"), 400, "invalid_tenant_id");
        assertProblem(() -> tenants.onboard("x", "has space", "X"), 400, "invalid_directory_id");
        assertProblem(() -> tenants.onboard("x", "a/b", "X"), 400, "invalid_directory_id");
        assertProblem(() -> tenants.onboard("x", "dir", "a\u0007b"), 400, "invalid_display_name");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aSuspensionMadeElsewhereIsSeenOnceTheCachedCopyExpires() {
        tenants.onboard("contoso", "dir-1", "Contoso");
        MovableClock later = new MovableClock(clock.instant());
        Tenants instanceA = new Tenants(store, Duration.ofSeconds(30), Optional.empty(), false, later);
        assertThat(instanceA.admit("dir-1").tenantId()).isEqualTo("contoso");

        tenants.setStatus("contoso", Tenant.Status.Suspended);
        assertThat(instanceA.admit("dir-1").tenantId()).isEqualTo("contoso");
        later.advance(Duration.ofSeconds(30));

        assertProblem(() -> instanceA.admit("dir-1"), 403, "tenant_suspended");
    }

    @Test
    void aTenantOnboardedElsewhereIsLetInWithoutWaitingForTheCache() {
        MovableClock now = new MovableClock(clock.instant());
        Tenants instanceA = new Tenants(store, Duration.ofMinutes(5), Optional.empty(), false, now);
        assertProblem(() -> instanceA.admit("dir-1"), 401, "tenant_not_onboarded");

        tenants.onboard("contoso", "dir-1", "Contoso");
        now.advance(Duration.ofSeconds(1));

        assertThat(instanceA.admit("dir-1").tenantId()).isEqualTo("contoso");
    }

    @Test
    void theOperatorsOwnDirectoryIsOnboardedAtItsFirstSignInAndNoOtherIs() {
        Tenants azure = new Tenants(store, Duration.ZERO, Optional.of("dir-operator"), false, clock);

        assertThat(azure.admit("dir-operator").tenantId()).isEqualTo(Tenants.OPERATOR);
        assertProblem(() -> azure.admit("dir-customer"), 401, "tenant_not_onboarded");
    }

    @Test
    void onlyTheDevSignInOnboardsOnFirstSight() {
        Tenants dev = new Tenants(store, Duration.ZERO, Optional.empty(), true, clock);

        assertThat(dev.admit("tenant-a").tenantId()).isEqualTo("tenant-a");
        assertProblem(() -> tenants.admit("tenant-b"), 401, "tenant_not_onboarded");
    }

    private static void assertProblem(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, p -> {
            assertThat(p.status()).isEqualTo(status);
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.getMessage()).isNotBlank();
        });
    }
}
