package com.contoso.media.contract;

import com.contoso.media.usagereport.InMemoryReportStore;
import com.contoso.media.usagereport.ReportStore;
import java.time.Clock;
import java.time.Duration;

/** The contract on the local runtime's stand-in. */
class InMemoryReportStoreContractTest extends ReportStoreContract {

    private final InMemoryReportStore store = new InMemoryReportStore(Duration.ofDays(30), Clock.systemUTC());

    @Override
    protected ReportStore store() {
        return store;
    }
}
