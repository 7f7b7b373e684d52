package com.contoso.media.usagereport;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.contoso.media.tables.TableRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage reports in Table storage (Azurite locally), the same contract as the Cosmos DB store. In the tenant's
 * partition, the day is the row {@code usage|<day>} and each applied event the row {@code applied|<eventId>}
 * (with its expiry: Table storage has no TTL, so an expired record counts as absent and is replaced). Applying an
 * event is one query for both rows (a live idempotency row ends it there: a duplicate costs that one call) and one
 * entity-group transaction that creates the idempotency row and writes the day conditionally on its ETag. Writers
 * in one process take turns per day, so only another process makes a transaction fail and the pair be read again,
 * a bounded number of times.
 */
public final class TableReportStore implements ReportStore {

    static final int MAX_ATTEMPTS = 16;
    private static final String DAY = "usage|";
    private static final String APPLIED = "applied|";
    private static final String JOBS = "_jobs";

    private final TableClient table;
    private final Object[] stripes = new Object[64];
    private final Duration idempotencyTtl;
    private final Clock clock;

    public TableReportStore(TableClient table, Duration idempotencyTtl, Clock clock) {
        this.table = table;
        this.idempotencyTtl = idempotencyTtl;
        this.clock = clock;
        Arrays.setAll(stripes, i -> new Object());
    }

    @Override
    public boolean applyOnce(UsageFold fold) {
        // Receivers of one process take turns on a day, so they do not refuse each other's ETags; other processes
        // still can, and the loop reads again when they do.
        synchronized (stripes[Math.floorMod((fold.tenantId() + "/" + fold.day()).hashCode(), stripes.length)]) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Map<String, TableEntity> rows = TableRows.findAll(table, fold.tenantId(),
                        List.of(DAY + fold.day(), APPLIED + fold.eventId()));
                TableEntity applied = rows.get(APPLIED + fold.eventId());
                if (applied != null && alive(applied)) {
                    return false;
                }
                if (applied != null) {
                    // Expired: the event may be applied again, as if it were new.
                    table.deleteEntity(applied);
                    continue;
                }
                if (tryApply(fold, Optional.ofNullable(rows.get(DAY + fold.day())))) {
                    return true;
                }
            }
        }
        throw new IllegalStateException("Day " + fold.day() + " of " + fold.tenantId() + " kept changing; gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    /** The day row and the event's idempotency row in one entity-group transaction; false when refused. */
    private boolean tryApply(UsageFold fold, Optional<TableEntity> day) {
        UsageCounters after = day.map(TableReportStore::counters).orElse(UsageCounters.ZERO).plus(fold.delta());
        TableEntity dayRow = dayEntity(fold.tenantId(), fold.day(), after);
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, new TableEntity(fold.tenantId(),
                APPLIED + fold.eventId()).addProperty("expiresAt", clock.instant().plus(idempotencyTtl).toEpochMilli())
                .addProperty("eventTime", fold.eventTime().toString())));
        if (day.isPresent()) {
            dayRow.addProperty("odata.etag", day.get().getETag());
            actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, dayRow, true));
        } else {
            actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, dayRow));
        }
        try {
            table.submitTransaction(actions);
            return true;
        } catch (TableTransactionFailedException e) {
            // Another writer applied the event, or changed or created the day first: read both again.
            return false;
        }
    }

    @Override
    public List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to) {
        List<DailyUsage> days = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(TableRows.inPartition(tenantId) + " and RowKey ge '" + DAY + from
                + "' and RowKey le '" + DAY + to + "'"), null, null)
                .forEach(row -> days.add(new DailyUsage(LocalDate.parse(row.getRowKey().substring(DAY.length())),
                        counters(row))));
        days.sort(Comparator.comparing(DailyUsage::day));
        return days;
    }

    @Override
    public Optional<Instant> newestFolded(String tenantId) {
        // The event time as the event stated it (to the nanosecond), not cut to a Table timestamp's milliseconds.
        Optional<Instant> newest = Optional.empty();
        for (TableEntity row : table.listEntities(new ListEntitiesOptions().setFilter(TableRows.inPartition(tenantId)
                + " and " + TableRows.ofKind(APPLIED)), null, null)) {
            Instant time = Instant.parse((String) row.getProperty("eventTime"));
            if (alive(row) && newest.map(time::isAfter).orElse(true)) {
                newest = Optional.of(time);
            }
        }
        return newest;
    }

    @Override
    public boolean wasApplied(String tenantId, String eventId) {
        return entity(tenantId, APPLIED + eventId).filter(this::alive).isPresent();
    }

    @Override
    public Optional<String> checkpoint(String job) {
        return entity(JOBS, job).map(row -> (String) row.getProperty("position"));
    }

    @Override
    public void saveCheckpoint(String job, String position) {
        table.upsertEntity(new TableEntity(JOBS, job).addProperty("position", position));
    }

    private boolean alive(TableEntity applied) {
        return (Long) applied.getProperty("expiresAt") > clock.instant().toEpochMilli();
    }

    private Optional<TableEntity> entity(String partitionKey, String rowKey) {
        return TableRows.find(table, partitionKey, rowKey);
    }

    private static TableEntity dayEntity(String tenantId, LocalDate day, UsageCounters c) {
        return new TableEntity(tenantId, DAY + day).addProperty("uploads", c.uploads())
                .addProperty("uploadedBytes", c.uploadedBytes()).addProperty("videosTranscoded", c.videosTranscoded())
                .addProperty("transcodedMillis", c.transcodedMillis()).addProperty("outputBytes", c.outputBytes())
                .addProperty("rejected", c.rejected()).addProperty("failed", c.failed());
    }

    private static UsageCounters counters(TableEntity row) {
        return new UsageCounters(number(row, "uploads"), number(row, "uploadedBytes"), number(row, "videosTranscoded"),
                number(row, "transcodedMillis"), number(row, "outputBytes"), number(row, "rejected"),
                number(row, "failed"));
    }

    /** Table storage types small whole numbers as Int32 and larger ones as Int64. */
    private static long number(TableEntity row, String name) {
        return ((Number) row.getProperty(name)).longValue();
    }

}
