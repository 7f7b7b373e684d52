package com.contoso.media.fairuse;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The tenants' ledgers in memory, for unit tests: the same conditional-write contract as the Table and Cosmos stores. */
public final class InMemoryTenantLedgerStore implements TenantLedgerStore {

    private final Map<String, Versioned> ledgers = new HashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public synchronized Optional<Versioned> find(String tenantId) {
        return Optional.ofNullable(ledgers.get(tenantId));
    }

    @Override
    public synchronized boolean save(TenantLedger ledger, Optional<String> ifMatch) {
        Optional<String> stored = Optional.ofNullable(ledgers.get(ledger.tenantId())).map(Versioned::etag);
        if (!stored.equals(ifMatch)) {
            return false;
        }
        ledgers.put(ledger.tenantId(), new Versioned(ledger, "v" + versions.incrementAndGet()));
        return true;
    }
}
