package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.consistency.OptimisticUpdate.Stored;
import com.contoso.media.tenants.Tenant;
import com.contoso.media.tenants.TenantRegistryStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantRegistryStore} must do: a tenant is found by its directory and by its id, an insert
 * claims both keys or neither (even racing), and a replace lands only over the version that was read. Runs on the
 * in-memory stand-in and Azurite's Table storage always, and on Cosmos DB when an account is configured.
 */
abstract class TenantRegistryStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract TenantRegistryStore store();

    private Tenant tenant(String id, String directory) {
        return new Tenant(id + "-" + run, directory + "-" + run, "Tenant " + id, Tenant.Status.Active, T0, T0);
    }

    @Test
    void aTenantIsFoundByItsDirectoryAndByItsId() {
        Tenant contoso = tenant("contoso", "dir-c");

        assertThat(store().insert(contoso)).isTrue();

        assertThat(store().findByDirectory(contoso.directoryId())).get().satisfies(found -> {
            assertThat(found.value()).isEqualTo(contoso);
            assertThat(found.etag()).isNotBlank();
        });
        assertThat(store().findById(contoso.tenantId())).get().extracting(Stored::value)
                .isEqualTo(contoso);
        assertThat(store().list()).contains(contoso);
        assertThat(store().findById("nobody-" + run)).isEmpty();
    }

    @Test
    void anInsertClaimsBothKeysOrNeither() {
        Tenant contoso = tenant("contoso", "dir-c");
        store().insert(contoso);

        assertThat(store().insert(tenant("contoso", "dir-other"))).as("the id is taken").isFalse();
        assertThat(store().insert(tenant("fabrikam", "dir-c"))).as("the directory is taken").isFalse();

        assertThat(store().findByDirectory("dir-other-" + run)).isEmpty();
        assertThat(store().findById("fabrikam-" + run)).isEmpty();
    }

    @Test
    void ofTenRacingInsertsForOneDirectoryOneWins() {
        List<CompletableFuture<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Tenant candidate = tenant("racer" + i, "dir-shared");
            racers.add(CompletableFuture.supplyAsync(() -> store().insert(candidate)));
        }

        assertThat(racers.stream().map(CompletableFuture::join).filter(Boolean::booleanValue)).hasSize(1);
        String winner = store().findByDirectory("dir-shared-" + run).orElseThrow().value().tenantId();
        for (int i = 0; i < 10; i++) {
            String id = "racer" + i + "-" + run;
            assertThat(store().findById(id).isPresent()).as(id).isEqualTo(id.equals(winner));
        }
    }

    @Test
    void aReplaceLandsOnlyOverTheVersionThatWasRead() {
        Tenant contoso = tenant("contoso", "dir-c");
        store().insert(contoso);
        Stored<Tenant> read = store().findById(contoso.tenantId()).orElseThrow();

        Tenant suspended = contoso.withStatus(Tenant.Status.Suspended, T0.plusSeconds(60));
        assertThat(store().replace(suspended, read.etag())).isTrue();
        assertThat(store().replace(contoso, read.etag())).as("a stale write").isFalse();

        assertThat(store().findByDirectory(contoso.directoryId()).orElseThrow().value().status())
                .isEqualTo(Tenant.Status.Suspended);
    }
}
