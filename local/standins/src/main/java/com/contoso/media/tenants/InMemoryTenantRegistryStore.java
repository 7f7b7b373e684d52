package com.contoso.media.tenants;

import com.contoso.media.consistency.OptimisticUpdate.Stored;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The tenant registry in memory, for unit tests: the same contract as the Table and Cosmos stores. */
public final class InMemoryTenantRegistryStore implements TenantRegistryStore {

    /** Tenants in a fresh registry that onboards each directory at its first sign-in, as the local runtime's. */
    public static Tenants onboardingOnFirstSignIn() {
        return new Tenants(new InMemoryTenantRegistryStore(), Duration.ZERO, Optional.empty(), true, Clock.systemUTC());
    }

    private final AtomicLong versions = new AtomicLong();
    private final Map<String, Stored<Tenant>> byDirectory = new HashMap<>();
    private final Map<String, String> directoryOf = new HashMap<>();

    @Override
    public synchronized Optional<Stored<Tenant>> findByDirectory(String directoryId) {
        return Optional.ofNullable(byDirectory.get(directoryId));
    }

    @Override
    public synchronized Optional<Stored<Tenant>> findById(String tenantId) {
        return Optional.ofNullable(directoryOf.get(tenantId)).map(byDirectory::get);
    }

    @Override
    public synchronized List<Tenant> list() {
        return byDirectory.values().stream().map(Stored::value).sorted(Comparator.comparing(Tenant::tenantId))
                .toList();
    }

    @Override
    public synchronized boolean insert(Tenant tenant) {
        if (byDirectory.containsKey(tenant.directoryId()) || directoryOf.containsKey(tenant.tenantId())) {
            return false;
        }
        byDirectory.put(tenant.directoryId(), new Stored<>(tenant, "v" + versions.incrementAndGet()));
        directoryOf.put(tenant.tenantId(), tenant.directoryId());
        return true;
    }

    @Override
    public synchronized boolean replace(Tenant tenant, String etag) {
        Stored<Tenant> stored = byDirectory.get(tenant.directoryId());
        if (stored == null || !stored.etag().equals(etag)) {
            return false;
        }
        byDirectory.put(tenant.directoryId(), new Stored<>(tenant, "v" + versions.incrementAndGet()));
        return true;
    }
}
