package com.contoso.media.storagereport;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The storage report in memory, for unit tests: the same contract as the Table and Cosmos DB stores. */
public final class InMemoryStorageReportStore implements StorageReportStore {

    private record Key(String tenantId, String uploadId) {
    }

    private final Map<Key, UploadStorage> uploads = new HashMap<>();
    private final Map<String, TreeMap<LocalDate, DayDelta>> days = new HashMap<>();
    private final Map<String, Instant> newest = new HashMap<>();

    @Override
    public synchronized Optional<UploadStorage> find(String tenantId, String uploadId) {
        return Optional.ofNullable(uploads.get(new Key(tenantId, uploadId)));
    }

    @Override
    public synchronized boolean apply(StorageTransition transition) {
        UploadStorage to = transition.to();
        Key key = new Key(to.tenantId(), to.uploadId());
        long stored = Optional.ofNullable(uploads.get(key)).map(UploadStorage::sequence).orElse(0L);
        if (stored != transition.fromSequence()) {
            return false;
        }
        uploads.put(key, to);
        TreeMap<LocalDate, DayDelta> tenantDays = days.computeIfAbsent(to.tenantId(), t -> new TreeMap<>());
        transition.days().forEach(delta -> tenantDays.merge(delta.day(), delta, DayDelta::plus));
        newest.merge(to.tenantId(), transition.eventTime(), (a, b) -> a.isAfter(b) ? a : b);
        return true;
    }

    @Override
    public synchronized List<DayDelta> daysThrough(String tenantId, LocalDate through) {
        return List.copyOf(days.getOrDefault(tenantId, new TreeMap<>()).headMap(through, true).values());
    }

    @Override
    public synchronized Optional<Instant> newestApplied(String tenantId) {
        return Optional.ofNullable(newest.get(tenantId));
    }
}
