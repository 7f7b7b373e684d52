package com.contoso.media.usagereport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local runtime's stand-in for the Cosmos DB reports container: per-tenant partitions in which a write is
 * atomic (like a transactional batch), idempotency records that expire after their TTL, and a count of the
 * round trips {@link CosmosReportStore} would make for the same calls (for the benchmark).
 */
public final class InMemoryReportStore implements ReportStore {

    private static final class Partition {
        private final TreeMap<LocalDate, DailyUsage> days = new TreeMap<>();
        private final Map<String, Instant> appliedUntil = new HashMap<>();
        private Optional<Instant> newestFolded = Optional.empty();
    }

    private final ConcurrentMap<String, Partition> partitions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> checkpoints = new ConcurrentHashMap<>();
    private final Duration idempotencyTtl;
    private final Clock clock;
    private final AtomicLong roundTrips = new AtomicLong();

    public InMemoryReportStore(Duration idempotencyTtl, Clock clock) {
        this.idempotencyTtl = idempotencyTtl;
        this.clock = clock;
    }

    @Override
    public boolean applyOnce(UsageFold fold) {
        roundTrips.incrementAndGet();
        Partition partition = partition(fold.tenantId());
        synchronized (partition) {
            Instant now = clock.instant();
            Instant until = partition.appliedUntil.get(fold.eventId());
            if (until != null && until.isAfter(now)) {
                return false;
            }
            partition.appliedUntil.put(fold.eventId(), now.plus(idempotencyTtl));
            if (!partition.days.containsKey(fold.day())) {
                roundTrips.incrementAndGet(); // CosmosReportStore's second batch, which creates the day
            }
            add(partition, fold.day(), fold.delta());
            partition.newestFolded = partition.newestFolded.filter(t -> t.isAfter(fold.eventTime()))
                    .or(() -> Optional.of(fold.eventTime()));
            return true;
        }
    }

    @Override
    public List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to) {
        roundTrips.incrementAndGet();
        Partition partition = partition(tenantId);
        synchronized (partition) {
            return List.copyOf(partition.days.subMap(from, true, to, true).values());
        }
    }

    @Override
    public Optional<Instant> newestFolded(String tenantId) {
        roundTrips.incrementAndGet();
        Partition partition = partition(tenantId);
        synchronized (partition) {
            return partition.newestFolded;
        }
    }

    @Override
    public boolean wasApplied(String tenantId, String eventId) {
        roundTrips.incrementAndGet();
        Partition partition = partition(tenantId);
        synchronized (partition) {
            Instant until = partition.appliedUntil.get(eventId);
            return until != null && until.isAfter(clock.instant());
        }
    }

    @Override
    public Optional<String> checkpoint(String job) {
        roundTrips.incrementAndGet();
        return Optional.ofNullable(checkpoints.get(job));
    }

    @Override
    public void saveCheckpoint(String job, String position) {
        roundTrips.incrementAndGet();
        checkpoints.put(job, position);
    }

    /** Store operations served so far; each stands for one Cosmos DB round trip. */
    public long roundTrips() {
        return roundTrips.get();
    }

    private Partition partition(String tenantId) {
        return partitions.computeIfAbsent(tenantId, id -> new Partition());
    }

    private static void add(Partition partition, LocalDate day, UsageCounters delta) {
        UsageCounters current = partition.days.containsKey(day) ? partition.days.get(day).counters()
                : UsageCounters.ZERO;
        partition.days.put(day, new DailyUsage(day, current.plus(delta)));
    }
}
