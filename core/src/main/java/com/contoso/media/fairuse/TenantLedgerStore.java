package com.contoso.media.fairuse;

import java.util.Optional;

/**
 * Port to the tenants' ledgers (Cosmos DB in Azure, Table storage with Azurite, in memory in unit tests). Every
 * write is conditional, which is what keeps concurrent intakes from overshooting a limit.
 */
public interface TenantLedgerStore {

    /** A stored ledger and the store's version of it. */
    record Versioned(TenantLedger ledger, String etag) {
    }

    Optional<Versioned> find(String tenantId);

    /**
     * Stores {@code ledger} if the stored version is still {@code ifMatch} (when empty: if none is stored yet).
     * Returns false, writing nothing, when another writer got there first.
     */
    boolean save(TenantLedger ledger, Optional<String> ifMatch);
}
