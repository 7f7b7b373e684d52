package com.contoso.media.contract;

import com.contoso.media.app.AzureClients;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.contoso.media.usagereport.ReportStore;
import com.contoso.media.usagereport.TableReportStore;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The same contract on Table storage, against the Azurite that scripts/test.sh starts; a fresh table per test. */
class TableReportStoreContractTest extends ReportStoreContract {

    private static final TableServiceClient AZURITE = new TableServiceClientBuilder()
            .connectionString(AzureClients.AZURITE_LOCALHOST).buildClient();

    private final TableReportStore store;

    TableReportStoreContractTest() {
        String name = "reports" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        AZURITE.createTableIfNotExists(name);
        store = new TableReportStore(AZURITE.getTableClient(name), Duration.ofDays(30), Clock.systemUTC());
    }

    @Override
    protected ReportStore store() {
        return store;
    }
}
