package com.contoso.media.contract;

import com.contoso.media.uploads.CosmosUploadRepository;
import com.contoso.media.uploads.UploadRepository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract against a real Cosmos DB account (or the emulator). Set {@code CONTRACT_COSMOS_ENDPOINT} to
 * run it; otherwise it is reported as skipped.
 */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosUploadRepositoryContractTest extends UploadRepositoryContract {

    private static CosmosUploadRepository repository;

    @BeforeAll
    static void connect() {
        repository = new CosmosUploadRepository(ContractCosmos.withContainer("uploads").getContainer("uploads"));
    }

    @Override
    protected UploadRepository repository() {
        return repository;
    }
}
