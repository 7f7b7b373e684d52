package com.contoso.media.bench;

import com.contoso.media.usagereport.DailyUsage;
import com.contoso.media.usagereport.ReportStore;
import com.contoso.media.usagereport.UsageFold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A report store whose every call takes {@code latency} first, as a network round trip would. */
final class SlowReportStore implements ReportStore {

    private final ReportStore store;
    private final Duration latency;

    SlowReportStore(ReportStore store, Duration latency) {
        this.store = store;
        this.latency = latency;
    }

    static void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean applyOnce(UsageFold fold) {
        pause(latency);
        return store.applyOnce(fold);
    }

    @Override
    public List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to) {
        pause(latency);
        return store.read(tenantId, from, to);
    }

    @Override
    public Optional<Instant> newestFolded(String tenantId) {
        pause(latency);
        return store.newestFolded(tenantId);
    }

    @Override
    public boolean wasApplied(String tenantId, String eventId) {
        pause(latency);
        return store.wasApplied(tenantId, eventId);
    }

    @Override
    public Optional<String> checkpoint(String job) {
        pause(latency);
        return store.checkpoint(job);
    }

    @Override
    public void saveCheckpoint(String job, String position) {
        pause(latency);
        store.saveCheckpoint(job, position);
    }
}
