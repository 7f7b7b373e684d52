package com.contoso.media.contract;

import com.contoso.media.uploads.InMemoryUploadRepository;
import com.contoso.media.uploads.UploadRepository;

class InMemoryUploadRepositoryContractTest extends UploadRepositoryContract {

    private final InMemoryUploadRepository repository = new InMemoryUploadRepository();

    @Override
    protected UploadRepository repository() {
        return repository;
    }
}
