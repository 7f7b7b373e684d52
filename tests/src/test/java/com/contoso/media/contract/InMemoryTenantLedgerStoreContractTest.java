package com.contoso.media.contract;

import com.contoso.media.fairuse.InMemoryTenantLedgerStore;
import com.contoso.media.fairuse.TenantLedgerStore;

class InMemoryTenantLedgerStoreContractTest extends TenantLedgerStoreContract {

    private final InMemoryTenantLedgerStore store = new InMemoryTenantLedgerStore();

    @Override
    protected TenantLedgerStore store() {
        return store;
    }
}
