package com.contoso.media.contract;

import com.contoso.media.tenants.InMemoryTenantRegistryStore;
import com.contoso.media.tenants.TenantRegistryStore;

class InMemoryTenantRegistryStoreContractTest extends TenantRegistryStoreContract {

    private final InMemoryTenantRegistryStore store = new InMemoryTenantRegistryStore();

    @Override
    protected TenantRegistryStore store() {
        return store;
    }
}
