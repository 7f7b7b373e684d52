package com.contoso.media.contract;

import com.contoso.media.app.AzureClients;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.uploads.TableUploadRepository;
import com.contoso.media.uploads.UploadRepository;
import java.util.UUID;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts; a fresh table per test. */
class TableUploadRepositoryContractTest extends UploadRepositoryContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableUploadRepository repository;

    TableUploadRepositoryContractTest() {
        String name = "contract" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AZURITE.createTableIfNotExists(name);
        repository = new TableUploadRepository(AZURITE.getTableClient(name));
    }

    @Override
    protected UploadRepository repository() {
        return repository;
    }
}
