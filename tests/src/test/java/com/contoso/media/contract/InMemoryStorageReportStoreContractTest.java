package com.contoso.media.contract;

import com.contoso.media.storagereport.InMemoryStorageReportStore;
import com.contoso.media.storagereport.StorageReportStore;

class InMemoryStorageReportStoreContractTest extends StorageReportStoreContract {

    private final InMemoryStorageReportStore store = new InMemoryStorageReportStore();

    @Override
    protected StorageReportStore store() {
        return store;
    }
}
